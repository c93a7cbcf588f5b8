/**
 * The add-in's address in manifest.xml. The source manifest points at the dev server
 * (DEV_URL); the production build writes dist/manifest.xml with every occurrence replaced by
 * the address the add-in is deployed at (ADDIN_URL). Used by webpack.config.js; tested in
 * tests/manifest.
 */
"use strict";

const DEV_URL = "https://localhost:3000/";

/** Normalises a deployment address: https only, ending with "/". Throws on anything else. */
function normaliseAddinUrl(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`ADDIN_URL is not a URL: ${url}`);
  }
  if (parsed.protocol !== "https:") throw new Error(`ADDIN_URL must be https (Office loads add-ins only over https): ${url}`);
  if (parsed.search || parsed.hash) throw new Error(`ADDIN_URL must not have a query or fragment: ${url}`);
  return parsed.href.endsWith("/") ? parsed.href : `${parsed.href}/`;
}

/** The manifest text with the dev server's address replaced by `addinUrl`. */
function withAddinUrl(manifestXml, addinUrl) {
  const base = normaliseAddinUrl(addinUrl);
  const origin = base.replace(/\/$/, "");
  return manifestXml
    .split(DEV_URL).join(base)
    // <AppDomain> holds the origin without the trailing slash.
    .split(DEV_URL.replace(/\/$/, "")).join(new URL(origin).origin);
}

module.exports = { DEV_URL, normaliseAddinUrl, withAddinUrl };
