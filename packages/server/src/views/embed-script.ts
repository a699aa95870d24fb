/**
 * The only script of an embedded view: it tells the embedding page how tall the content is,
 * so embed.js can size the iframe to it. The embedding page's origin is unknown here, so the
 * message goes to any origin ('*'); it therefore carries no content at all, only the share's
 * code (already in the frame's URL) and a number. Plain ES5 in a string.
 */
const SOURCE = `(function () {
  if (window.parent === window) return;
  var root = document.documentElement;
  var box = document.querySelector('[data-code]');
  var code = box ? box.getAttribute('data-code') : '';
  var last = -1;
  function post() {
    var height = Math.ceil(root.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: 'chatshare:height', code: code, height: height }, '*');
  }
  if (typeof ResizeObserver === 'function') new ResizeObserver(post).observe(root);
  window.addEventListener('load', post);
  post();
})();`;

// Every statement ends with ; or }, so dropping line breaks and indentation keeps it valid.
export const EMBED_SCRIPT = SOURCE.replace(/\n\s*/g, '');
