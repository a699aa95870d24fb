/**
 * The only script on a share page, allowed by its SHA-256 in the page's CSP: it reveals the copy
 * buttons (hidden in the HTML, so without JavaScript there is no dead button) and copies a
 * code block or the page link, and turns the menu's printing hint into a Print button. Plain
 * ES5 in a string; it never reads conversation content except the text of the code block that
 * was clicked.
 */
const SOURCE = `(function () {
  var doc = document;
  function fallbackCopy(text) {
    var area = doc.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    doc.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = doc.execCommand('copy'); } catch (e) { ok = false; }
    doc.body.removeChild(area);
    return ok;
  }
  function copy(text, done) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { if (fallbackCopy(text)) done(); });
    } else if (fallbackCopy(text)) {
      done();
    }
  }
  var link = doc.getElementById('cs-share-link');
  if (link) link.addEventListener('focus', function () { link.select(); });
  var buttons = doc.querySelectorAll('button[data-copy]');
  for (var i = 0; i < buttons.length; i++) {
    (function (button) {
      var label = button.textContent;
      button.hidden = false;
      button.addEventListener('click', function () {
        var block = button.closest('.cs-code');
        var code = block && block.querySelector('code');
        var text = button.getAttribute('data-copy') === 'link' ? (link ? link.value : '') : code ? code.textContent : '';
        copy(text, function () {
          button.textContent = button.getAttribute('data-copied') || label;
          setTimeout(function () { button.textContent = label; }, 1500);
        });
      });
    })(buttons[i]);
  }
  var printers = doc.querySelectorAll('button[data-print]');
  for (var p = 0; p < printers.length; p++) {
    printers[p].hidden = false;
    printers[p].addEventListener('click', function () { window.print(); });
  }
  var hints = doc.querySelectorAll('[data-print-hint]');
  for (var h = 0; h < hints.length; h++) hints[h].hidden = true;
})();`;

// Every statement ends with ; or }, so dropping line breaks and indentation keeps it valid.
export const CLIENT_SCRIPT = SOURCE.replace(/\n\s*/g, '');
