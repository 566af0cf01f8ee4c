// Moves focus to the page's error summary when there is one, so that a screen reader reads the errors first and a
// keyboard user starts from them (GOV.UK's pattern). A file, not an inline script: the shop's CSP forbids those.
(function () {
    'use strict';
    var summary = document.getElementById('error-summary');
    if (summary) {
        summary.focus();
    }
})();
