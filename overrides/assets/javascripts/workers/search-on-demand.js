/*
 * Material's search worker, loaded when the reader first searches rather than with every page.
 *
 * Material starts its search worker (lunr and, on Spanish pages, lunr.es: 12 to 16 KB compressed)
 * as each page loads. This stand-in takes its place (overrides/main.html points `__config.search`
 * here, naming the real worker in `?worker=`): it answers Material's setup message at once and
 * loads the real worker, in this same folder, only when the first query arrives. Messages follow
 * Material 9.8's worker protocol: 0 setup (the index), 1 ready, 2 query, 3 result.
 *
 * It also makes the language's stemmer work with Material's prefix search. Material appends `*`
 * to every word typed ("niñas*"), and lunr then leaves the word unstemmed, so it would never match
 * the stemmed index ("niñ"). Here such a word is stemmed first and its stem matched as a prefix:
 * "niñas*" -> "niñ*", "detencion*" -> "detencion*" (the Spanish stemmer drops accents on both
 * sides, so a word typed without its accent finds the accented one).
 */
(function () {
  "use strict";
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var realWorker = new URLSearchParams(self.location.search).get("worker");
  var setup = null;
  var realHandler = null;
  var queue = Promise.resolve();

  // The real worker registers its message listener when loaded; take the listener instead, so
  // that every message reaches it once and in order (its setup builds the index asynchronously).
  function load() {
    var addEventListener = self.addEventListener;
    self.addEventListener = function (type, listener) {
      if (type === "message" && realHandler === null) {
        realHandler = listener;
      } else {
        addEventListener.apply(self, arguments);
      }
    };
    try {
      importScripts(realWorker);
    } finally {
      self.addEventListener = addEventListener;
    }
    stemPrefixQueries(self.lunr);
  }

  function deliver(message) {
    queue = queue.then(function () {
      return realHandler({ data: message });
    });
  }

  // The language's own trimmer, stop words and stemmer, as lunr's language support defines them.
  function languagePipeline(lunr) {
    var language = setup.data.config.lang[0];
    var support = language === "en" ? lunr : lunr[language];
    var pipeline = new lunr.Pipeline();
    [support.trimmer, support.stopWordFilter, support.stemmer].forEach(function (step) {
      if (step) pipeline.add(step);
    });
    return pipeline;
  }

  function stemPrefixQueries(lunr) {
    var pipeline = null;
    var clause = lunr.Query.prototype.clause;
    lunr.Query.prototype.clause = function (options) {
      var term = options.term || "";
      if (term.length > 1 && term.indexOf("*") === term.length - 1) {
        pipeline = pipeline || languagePipeline(lunr);
        var stems = pipeline.runString(term.slice(0, -1));
        // A stop word keeps its plain prefix match; any other word becomes its stem, matched as a
        // prefix ("niñas*" -> "niñ*"), so Material also counts the word as found, not missing.
        if (stems.length === 1) {
          options.term = stems[0];
          options.wildcard = lunr.Query.wildcard.TRAILING;
          options.usePipeline = false;
        }
      }
      return clause.call(this, options);
    };
  }

  self.addEventListener("message", function (event) {
    var message = event.data;
    if (realHandler !== null) {
      deliver(message);
    } else if (message.type === SETUP) {
      // Keep the index for later and tell the page that search is ready.
      setup = message;
      self.postMessage({ type: READY });
    } else if (message.type === QUERY && !String(message.data).trim()) {
      // Material asks for the empty query as soon as search is ready: nothing to find yet.
      self.postMessage({ type: RESULT, data: { items: [] } });
    } else {
      load();
      deliver(setup);
      deliver(message);
    }
  });
})();
