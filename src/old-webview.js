/*
 * Plain ES5, loaded by taskpane.html and commands.html before anything else: tells whether
 * Office shows the add-in in a webview the bundle cannot run in — Internet Explorer 11
 * (Trident) or Microsoft Edge Legacy (EdgeHTML), as volume-licensed Office 2016 and 2019 on
 * Windows do. Sets window.indicatorsUnsupportedWebview to its name (for the pages' messages),
 * and the bundles then do nothing.
 *
 * window.indicatorsInitialiseOffice() initialises Office for the pages' fallback scripts (the
 * bundle, which would, does not run there): Office calls a ribbon command, and lets a dialog
 * page send its message, only once the page has called Office.onReady() or set
 * Office.initialize. Office.js may load after this script (the pane loads it async): it is
 * waited for, up to a minute.
 */
(function () {
  var ua = navigator.userAgent;
  var webview = ua.indexOf("Trident") !== -1 ? "Internet Explorer 11" : ua.indexOf("Edge/") !== -1 ? "Microsoft Edge 旧版（EdgeHTML）" : "";
  if (webview) window.indicatorsUnsupportedWebview = webview;
  window.indicatorsInitialiseOffice = function () {
    var tries = 0;
    (function attempt() {
      var office = window.Office;
      if (office && typeof office.onReady === "function") office.onReady();
      else if (office) office.initialize = function () {};
      else if (tries++ < 1200) setTimeout(attempt, 50);
    })();
  };
})();
