/**
 * Builds the add-in: the task pane (src/taskpane) and the ribbon's function file
 * (src/commands), their HTML pages, the icons and the manifest.
 *
 *   npm run build       production build into dist/; ADDIN_URL=https://host/path/ sets the
 *                       address written into dist/manifest.xml (default: the dev server's)
 *   npm run build:dev   development build
 *   npm start           dev server on https://localhost:3000 (office-addin-dev-certs)
 *
 * Office.js is not bundled: the pages load it from Microsoft's CDN, as Microsoft requires.
 * ExcelJS and the engine's worker are reached only through dynamic import()/new Worker, so
 * they land in lazy chunks and the pane's first screen stays small (sizes printed at the end
 * of a production build; budget 300 KB gzip).
 */
"use strict";
const fs = require("fs");
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const { DEV_URL, withAddinUrl } = require("./scripts/manifest-url");
const { report } = require("./scripts/bundle-size");

const DEV_PORT = 3000;

/** HTTPS options for the dev server: office-addin-dev-certs' certificate, or none (http). */
async function httpsOptions() {
  const devCerts = require("office-addin-dev-certs");
  try {
    // Installs the CA when needed (asks for sudo on Linux).
    return await devCerts.getHttpsServerOptions();
  } catch (e) {
    // Without installing: the files of an earlier install, else newly generated ones
    // (the browser then has to be told to trust them once).
    try {
      const { certificateDirectory, caCertificatePath, localhostCertificatePath, localhostKeyPath } = require("office-addin-dev-certs/lib/defaults");
      if (!fs.existsSync(localhostCertificatePath)) {
        fs.mkdirSync(certificateDirectory, { recursive: true });
        await require("office-addin-dev-certs/lib/generate").generateCertificates(caCertificatePath, localhostCertificatePath, localhostKeyPath);
      }
      console.warn(`dev server: certificate not installed (${e.message}); using ${localhostCertificatePath}`);
      return { ca: fs.readFileSync(caCertificatePath), cert: fs.readFileSync(localhostCertificatePath), key: fs.readFileSync(localhostKeyPath) };
    } catch (e2) {
      console.warn(`dev server: no HTTPS certificate (${e2.message}); serving plain http. Office needs https: run \`npx office-addin-dev-certs install\`.`);
      return null;
    }
  }
}

/** Prints the bundle sizes after a production build. */
class BundleSizePlugin {
  apply(compiler) {
    compiler.hooks.done.tap("BundleSizePlugin", (stats) => {
      if (!stats.hasErrors()) console.log(report(stats.compilation.outputOptions.path));
    });
  }
}

module.exports = async (env, argv) => {
  const production = argv.mode === "production";
  const addinUrl = process.env.ADDIN_URL || DEV_URL;
  const serving = process.env.WEBPACK_SERVE === "true";
  const https = serving ? await httpsOptions() : null;

  return {
    mode: production ? "production" : "development",
    devtool: production ? "source-map" : "eval-cheap-module-source-map",
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].[contenthash:8].js",
      chunkFilename: "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              transpileOnly: true, // `npm run typecheck` checks types
              compilerOptions: {
                // ES modules for tree shaking and import(); ES2017 output for the Edge
                // (EdgeHTML) webview of Office 2016/2019, which lacks ?. and ??.
                module: "esnext",
                target: "es2017",
                sourceMap: true,
              },
            },
          },
        },
      ],
    },
    optimization: {
      splitChunks: { chunks: "async" },
    },
    performance: { hints: false }, // the budget is checked by BundleSizePlugin, on gzip sizes
    plugins: [
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["taskpane"] }),
      new HtmlWebpackPlugin({ filename: "commands.html", template: "./src/commands/commands.html", chunks: ["commands"] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          // Plain ES5, not bundled: it must run where the bundles cannot (IE11, Edge Legacy).
          { from: "src/old-webview.js", to: "old-webview.js" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => (production ? withAddinUrl(content.toString(), addinUrl) : content),
          },
        ],
      }),
      ...(production ? [new BundleSizePlugin()] : []),
    ],
    devServer: {
      port: DEV_PORT,
      headers: { "Access-Control-Allow-Origin": "*" },
      server: https ? { type: "https", options: https } : { type: "http" },
      static: false,
      hot: false,
      client: { overlay: { warnings: false } },
    },
  };
};
