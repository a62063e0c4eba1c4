// Everything lives in a shadow root: the host page's CSS cannot reach in, and `:host` resets
// what would otherwise inherit into it. !important on :host wins over the page's own !important.
export const css = `
:host{all:initial!important;display:block!important;position:fixed!important;z-index:2147483000!important;bottom:20px!important;right:20px!important;left:auto!important;top:auto!important;width:auto!important;height:auto!important;visibility:visible!important;opacity:1!important;transform:none!important}
:host([data-position=bottom-left]){left:20px!important;right:auto!important}
*{box-sizing:border-box}
.root{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111827;--accent:#4f46e5}
button,input,textarea{font:inherit;color:inherit;margin:0}
.launcher{width:56px;height:56px;border-radius:50%;border:0;background:var(--accent);color:#fff;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25);display:flex;align-items:center;justify-content:center;padding:0}
.launcher svg{width:28px;height:28px;fill:currentColor}
button:focus-visible,input:focus-visible,textarea:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.panel{position:absolute;bottom:72px;right:0;width:min(360px,calc(100vw - 40px));height:min(520px,calc(100vh - 110px));background:#fff;border-radius:14px;box-shadow:0 10px 40px rgba(0,0,0,.25);display:flex;flex-direction:column;overflow:hidden}
:host([data-position=bottom-left]) .panel{left:0;right:auto}
.panel[hidden]{display:none}
.header{background:var(--accent);color:#fff;padding:12px 14px;display:flex;align-items:center;gap:8px}
.header h2{font-size:15px;font-weight:600;margin:0;flex:1}
.close{background:transparent;border:0;color:#fff;font-size:22px;line-height:1;cursor:pointer;padding:2px 8px;border-radius:6px}
.log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:8px;background:#f9fafb}
.msg{max-width:80%;padding:8px 11px;border-radius:12px;white-space:pre-wrap;overflow-wrap:anywhere}
.in{align-self:flex-end;background:var(--accent);color:#fff;border-bottom-right-radius:4px}
.out{align-self:flex-start;background:#fff;border:1px solid #e5e7eb;border-bottom-left-radius:4px}
.note{align-self:center;color:#6b7280;font-size:12px}
form{display:flex;gap:8px;padding:10px;border-top:1px solid #e5e7eb;background:#fff}
form.pre{flex-direction:column;border:0;padding:14px}
label{display:flex;flex-direction:column;gap:3px;font-size:13px;color:#374151}
input,textarea{border:1px solid #d1d5db;border-radius:8px;padding:8px 10px;background:#fff}
textarea{flex:1;resize:none;height:40px}
.send,.start{background:var(--accent);color:#fff;border:0;border-radius:8px;padding:8px 14px;cursor:pointer;font-weight:600}
.send:disabled{opacity:.6;cursor:default}
.err{color:#b91c1c;font-size:12px;min-height:1em;padding:0 12px}
.sources{list-style:none;margin:6px 0 0;padding:0;display:flex;flex-wrap:wrap;gap:4px;font-size:11px}
.sources li{border:1px solid currentColor;border-radius:6px;padding:1px 6px;opacity:.8}
.sources a{color:inherit}
.file{display:block;color:inherit;text-decoration:underline;margin-bottom:4px}
.preview{display:block;max-width:100%;max-height:220px;border-radius:8px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`
