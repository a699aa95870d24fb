/**
 * `embed.js`, the script a site includes to show shared conversations:
 *
 *   <div data-chatshare="https://chat.example.com/s/CODE"></div>
 *   <script async src="https://chat.example.com/embed.js"></script>
 *
 * It replaces nothing on the page: it appends an iframe of /embed/CODE to each such element
 * (only for links of this instance) and sizes it to the height the frame reports. A report is
 * believed only from this instance's origin and only from that very frame's window, so no
 * other frame or window on the page can resize it.
 *
 * The frame is sandboxed with `allow-scripts allow-same-origin allow-popups
 * allow-popups-to-escape-sandbox`. `allow-same-origin` is needed: without it the frame's
 * origin is opaque, its messages arrive with origin "null" (so the origin check above could
 * not tell our frame from any other sandboxed one) and our own stylesheet, which may only be
 * loaded by this origin, is refused. It gives the frame no power over the embedding page: the
 * frame keeps chatshare's origin, which is never the embedding site's. What the sandbox still
 * takes away: navigating the embedding page, forms, dialogs, downloads. Links open in a new tab.
 */
const SOURCE = `(function () {
  var BASE = __BASE__;
  var ORIGIN = __ORIGIN__;
  var SANDBOX = 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox';
  var CODE = /^[0-9A-Za-z]{12}$/;
  var registry = window.__chatshareEmbeds = window.__chatshareEmbeds || {};
  if (registry[ORIGIN]) {
    registry[ORIGIN]();
    return;
  }
  var frames = [];
  function codeOf(url) {
    var prefix = BASE + '/s/';
    if (typeof url !== 'string' || url.indexOf(prefix) !== 0) return null;
    var code = url.slice(prefix.length).split(/[?#]/)[0].replace(/\\/$/, '');
    return CODE.test(code) ? code : null;
  }
  function mount(host) {
    if (host.getAttribute('data-chatshare-mounted')) return;
    var code = codeOf(host.getAttribute('data-chatshare'));
    if (!code) return;
    host.setAttribute('data-chatshare-mounted', 'true');
    var frame = document.createElement('iframe');
    frame.src = BASE + '/embed/' + code;
    frame.title = host.getAttribute('data-chatshare-title') || 'Shared conversation';
    frame.setAttribute('sandbox', SANDBOX);
    frame.setAttribute('referrerpolicy', 'no-referrer');
    frame.style.display = 'block';
    frame.style.width = '100%';
    frame.style.height = '480px';
    frame.style.border = '0';
    host.appendChild(frame);
    frames.push({ frame: frame, code: code });
  }
  function scan() {
    var hosts = document.querySelectorAll('[data-chatshare]');
    for (var i = 0; i < hosts.length; i++) mount(hosts[i]);
  }
  window.addEventListener('message', function (event) {
    if (event.origin !== ORIGIN) return;
    var data = event.data;
    if (!data || data.type !== 'chatshare:height') return;
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].frame.contentWindow !== event.source) continue;
      var height = Number(data.height);
      if (data.code === frames[i].code && height > 0 && height < 100000) {
        frames[i].frame.style.height = Math.ceil(height) + 'px';
      }
      return;
    }
  });
  registry[ORIGIN] = scan;
  scan();
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', scan);
})();
`;

/** The script for an instance whose pages live under `publicUrl` (no trailing slash). */
export function embedLoaderScript(publicUrl: string): string {
  // JSON.stringify makes each a JavaScript string literal; '<' is escaped so no value can end a script.
  const literal = (value: string) => JSON.stringify(value).replace(/</g, '\\u003c');
  return SOURCE.replace('__BASE__', literal(publicUrl)).replace('__ORIGIN__', literal(new URL(publicUrl).origin));
}
