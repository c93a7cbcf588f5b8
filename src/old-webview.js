/*
 * Plain ES5, loaded by taskpane.html and commands.html before anything else: tells whether
 * Office shows the add-in in a webview the bundle cannot run in — Internet Explorer 11
 * (Trident) or Microsoft Edge Legacy (EdgeHTML), as volume-licensed Office 2016 and 2019 on
 * Windows do. Sets window.indicatorsUnsupportedWebview to its name (for the pages' messages),
 * and the bundles then do nothing.
 */
(function () {
  var ua = navigator.userAgent;
  var webview = ua.indexOf("Trident") !== -1 ? "Internet Explorer 11" : ua.indexOf("Edge/") !== -1 ? "Microsoft Edge 旧版（EdgeHTML）" : "";
  if (webview) window.indicatorsUnsupportedWebview = webview;
})();
