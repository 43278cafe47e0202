// dom.js - the only way the page makes elements: text always goes in as
// text nodes (never innerHTML), attributes through setAttribute, and links
// only for http(s) URLs. Article text is hostile input.

export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  append(e, children);
  return e;
}

export function append(parent, children) {
  for (const c of [children].flat(Infinity)) {
    if (c == null || c === false) continue;
    parent.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return parent;
}

export function clear(e) {
  while (e.firstChild) e.firstChild.remove();
  return e;
}

// A link to an article: only http: and https: URLs, opened without referrer.
export function safeLink(url, label) {
  let u = null;
  try {
    u = new URL(url);
  } catch {
    u = null;
  }
  if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:')) return el('span', { class: 'url' }, label ?? url ?? '');
  return el('a', { href: u.href, rel: 'noopener noreferrer', target: '_blank', class: 'url' }, label ?? url);
}
