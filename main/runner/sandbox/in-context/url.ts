/**
 * In-context source: `URL` and `URLSearchParams`. A context made from `Object.create(null)` has
 * neither, and the host's would be a way out. This covers what Forge apps and the @forge packages
 * use — http(s), file and opaque URLs, relative resolution, dot segments, percent-encoding, form
 * encoding, linked `searchParams` — but not IDNA (non-ASCII host names are kept, lower-cased) or
 * IPv4 number forms.
 */

/** Defines URL and URLSearchParams; shares k.URL and k.URLSearchParams. */
export const URL_SOURCE = String.raw`function installUrl(k) {
  const SPECIAL = { 'ftp:': '21', 'file:': '', 'http:': '80', 'https:': '443', 'ws:': '80', 'wss:': '443' };
  const hasOwn = (o, key) => Object.prototype.hasOwnProperty.call(o, key);
  const isSpecial = (protocol) => hasOwn(SPECIAL, protocol);
  const HEX = '0123456789ABCDEF';
  const C0 = '';
  const FRAGMENT_SET = ' "<>\x60';
  const QUERY_SET = ' "#<>';
  const SPECIAL_QUERY_SET = QUERY_SET + "'";
  const PATH_SET = QUERY_SET + '?\x60{}';
  const USERINFO_SET = PATH_SET + '/:;=@[\\]^|';

  function invalid(input) {
    const e = new TypeError('Invalid URL');
    e.code = 'ERR_INVALID_URL';
    e.input = String(input);
    return e;
  }
  function percentByte(b) { return '%' + HEX.charAt(b >> 4) + HEX.charAt(b & 15); }
  function percentEncode(s, set) {
    let out = '';
    for (const ch of s) {
      const c = ch.codePointAt(0);
      if (c < 0x20 || c >= 0x7f || (c < 0x80 && set.indexOf(ch) >= 0)) {
        const bytes = k.utf8Encode(ch);
        for (let i = 0; i < bytes.length; i++) out += percentByte(bytes[i]);
      } else out += ch;
    }
    return out;
  }
  function percentDecodeBytes(s) {
    const bytes = [];
    const raw = k.utf8Encode(s);
    for (let i = 0; i < raw.length; i++) {
      const b = raw[i];
      if (b === 37 && i + 2 < raw.length && /^[0-9a-fA-F]{2}$/.test(String.fromCharCode(raw[i + 1] || 0, raw[i + 2] || 0))) {
        bytes.push(parseInt(String.fromCharCode(raw[i + 1], raw[i + 2]), 16));
        i += 2;
      } else bytes.push(b);
    }
    return new Uint8Array(bytes);
  }
  function indexOfAny(s, chars) {
    for (let i = 0; i < s.length; i++) if (chars.indexOf(s.charAt(i)) >= 0) return i;
    return -1;
  }
  function splitQueryFragment(s) {
    let main = s;
    let query = null;
    let fragment = null;
    const hash = main.indexOf('#');
    if (hash >= 0) { fragment = main.slice(hash + 1); main = main.slice(0, hash); }
    const q = main.indexOf('?');
    if (q >= 0) { query = main.slice(q + 1); main = main.slice(0, q); }
    return { main, query, fragment };
  }
  function isDot(segment) { const s = segment.toLowerCase(); return s === '.' || s === '%2e'; }
  function isDotDot(segment) {
    const s = segment.toLowerCase();
    return s === '..' || s === '.%2e' || s === '%2e.' || s === '%2e%2e';
  }
  function normalizePath(path, special) {
    const input = special ? path.replace(/\\/g, '/') : path;
    const segments = input.split('/');
    const out = [];
    for (let i = 1; i < segments.length; i++) {
      const segment = segments[i];
      const last = i === segments.length - 1;
      if (isDotDot(segment)) { out.pop(); if (last) out.push(''); }
      else if (isDot(segment)) { if (last) out.push(''); }
      else out.push(percentEncode(segment, PATH_SET));
    }
    return '/' + out.join('/');
  }
  function parseHost(raw, special, input) {
    if (raw.charAt(0) === '[') {
      if (raw.charAt(raw.length - 1) !== ']' || !/^\[[0-9a-fA-F:.]+\]$/.test(raw)) throw invalid(input);
      return raw.toLowerCase();
    }
    if (!special) {
      if (/[\u0000\t\n\r #\/:<>?@[\\\]^|]/.test(raw)) throw invalid(input);
      return percentEncode(raw, '');
    }
    let host;
    try { host = k.utf8Decode(percentDecodeBytes(raw)).toLowerCase(); } catch { throw invalid(input); }
    if (/[\u0000-\u0020#%\/:<>?@[\\\]^|\u007f]/.test(host)) throw invalid(input);
    return host;
  }
  function parseAuthority(protocol, rest, special, input) {
    let end = indexOfAny(rest, special ? '/\\?#' : '/?#');
    if (end < 0) end = rest.length;
    const authority = rest.slice(0, end);
    const tail = rest.slice(end);
    let userinfo = '';
    let hostport = authority;
    const at = authority.lastIndexOf('@');
    if (at >= 0) { userinfo = authority.slice(0, at); hostport = authority.slice(at + 1); }
    let username = userinfo;
    let password = '';
    const colon = userinfo.indexOf(':');
    if (colon >= 0) { username = userinfo.slice(0, colon); password = userinfo.slice(colon + 1); }
    let hostPart = hostport;
    let port = '';
    const close = hostport.lastIndexOf(']');
    const portColon = hostport.lastIndexOf(':');
    if (portColon > close) { hostPart = hostport.slice(0, portColon); port = hostport.slice(portColon + 1); }
    if (port !== '') {
      if (!/^[0-9]+$/.test(port) || Number(port) > 65535) throw invalid(input);
      port = String(Number(port));
      if (special && SPECIAL[protocol] === port) port = '';
    }
    const hostname = parseHost(hostPart, special, input);
    if (special && protocol !== 'file:' && hostname === '') throw invalid(input);
    const split = splitQueryFragment(tail);
    const pathname = special ? normalizePath(split.main || '/', true) : (split.main === '' ? '' : normalizePath(split.main, false));
    return {
      protocol, hasAuthority: true, opaque: false,
      username: percentEncode(username, USERINFO_SET), password: percentEncode(password, USERINFO_SET),
      hostname, port, pathname,
      query: split.query === null ? null : percentEncode(split.query, special ? SPECIAL_QUERY_SET : QUERY_SET),
      fragment: split.fragment === null ? null : percentEncode(split.fragment, FRAGMENT_SET),
    };
  }
  function parseFile(rest, input) {
    let r = rest.replace(/\\/g, '/');
    let hostname = '';
    if (r.slice(0, 2) === '//') {
      r = r.slice(2);
      let end = indexOfAny(r, '/?#');
      if (end < 0) end = r.length;
      hostname = parseHost(r.slice(0, end), true, input);
      if (hostname === 'localhost') hostname = '';
      r = r.slice(end);
    }
    const split = splitQueryFragment(r);
    return {
      protocol: 'file:', hasAuthority: true, opaque: false, username: '', password: '', hostname, port: '',
      pathname: normalizePath(split.main.charAt(0) === '/' ? split.main : '/' + split.main, true),
      query: split.query === null ? null : percentEncode(split.query, SPECIAL_QUERY_SET),
      fragment: split.fragment === null ? null : percentEncode(split.fragment, FRAGMENT_SET),
    };
  }
  function resolve(s, base, input) {
    const special = isSpecial(base.protocol);
    if (base.opaque) {
      if (s.charAt(0) !== '#') throw invalid(input);
      return Object.assign({}, base, { fragment: percentEncode(s.slice(1), FRAGMENT_SET) });
    }
    if (s.slice(0, 2) === '//' || (special && /^[\/\\]{2}/.test(s))) return parse(base.protocol + s, null);
    const split = splitQueryFragment(s);
    const query = split.query === null ? null : percentEncode(split.query, special ? SPECIAL_QUERY_SET : QUERY_SET);
    const fragment = split.fragment === null ? null : percentEncode(split.fragment, FRAGMENT_SET);
    if (split.main === '') {
      return Object.assign({}, base, { query: split.query === null ? base.query : query, fragment });
    }
    let path;
    if (split.main.charAt(0) === '/' || (special && split.main.charAt(0) === '\\')) path = split.main;
    else path = base.pathname.slice(0, base.pathname.lastIndexOf('/') + 1) + split.main;
    return Object.assign({}, base, { pathname: normalizePath(path.charAt(0) === '/' ? path : '/' + path, special), query, fragment });
  }
  function parse(input, base) {
    const s = String(input).replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
    const m = /^([A-Za-z][A-Za-z0-9+\-.]*):/.exec(s);
    if (m) {
      const protocol = m[1].toLowerCase() + ':';
      const rest = s.slice(m[0].length);
      if (protocol === 'file:') return parseFile(rest, input);
      if (isSpecial(protocol)) {
        if (base && base.protocol === protocol && !/^[\/\\]/.test(rest)) return resolve(rest, base, input);
        return parseAuthority(protocol, rest.replace(/^[\/\\]*/, ''), true, input);
      }
      if (rest.slice(0, 2) === '//') return parseAuthority(protocol, rest.slice(2), false, input);
      const split = splitQueryFragment(rest);
      const hierarchical = split.main.charAt(0) === '/';
      return {
        protocol, hasAuthority: false, opaque: !hierarchical, username: '', password: '', hostname: '', port: '',
        pathname: hierarchical ? normalizePath(split.main, false) : percentEncode(split.main, C0),
        query: split.query === null ? null : percentEncode(split.query, QUERY_SET),
        fragment: split.fragment === null ? null : percentEncode(split.fragment, FRAGMENT_SET),
      };
    }
    if (!base) throw invalid(input);
    return resolve(s, base, input);
  }
  function serialize(r) {
    let out = r.protocol;
    if (r.hasAuthority) {
      out += '//';
      if (r.username !== '' || r.password !== '') out += r.username + (r.password !== '' ? ':' + r.password : '') + '@';
      out += r.hostname + (r.port !== '' ? ':' + r.port : '');
    }
    out += r.pathname;
    if (r.query !== null) out += '?' + r.query;
    if (r.fragment !== null) out += '#' + r.fragment;
    return out;
  }

  // application/x-www-form-urlencoded, as URLSearchParams reads and writes it.
  function formDecode(s) { return k.utf8Decode(percentDecodeBytes(s.replace(/\+/g, ' '))); }
  function formEncode(s) {
    const bytes = k.utf8Encode(s);
    let out = '';
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if ((b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b === 42 || b === 45 || b === 46 || b === 95) out += String.fromCharCode(b);
      else if (b === 32) out += '+';
      else out += percentByte(b);
    }
    return out;
  }
  function parseForm(s) {
    const list = [];
    for (const part of s.split('&')) {
      if (part === '') continue;
      const eq = part.indexOf('=');
      list.push(eq < 0 ? [formDecode(part), ''] : [formDecode(part.slice(0, eq)), formDecode(part.slice(eq + 1))]);
    }
    return list;
  }

  const lists = new WeakMap();
  const owners = new WeakMap();
  const records = new WeakMap();
  function listOf(params) {
    const list = lists.get(params);
    if (!list) throw new TypeError('Value of "this" must be of type URLSearchParams');
    return list;
  }
  function changed(params) {
    const url = owners.get(params);
    if (!url) return;
    const text = params.toString();
    records.get(url).query = text === '' ? null : text;
  }

  class URLSearchParams {
    constructor(init) {
      const list = [];
      lists.set(this, list);
      if (init === undefined || init === null) return;
      if (typeof init === 'object' || typeof init === 'function') {
        if (typeof init[Symbol.iterator] === 'function') {
          for (const pair of init) {
            const p = Array.from(pair);
            if (p.length !== 2) throw new TypeError('Each query pair must be an iterable [name, value] tuple');
            list.push([String(p[0]), String(p[1])]);
          }
        } else for (const key of Object.keys(init)) list.push([key, String(init[key])]);
        return;
      }
      const s = String(init);
      for (const pair of parseForm(s.charAt(0) === '?' ? s.slice(1) : s)) list.push(pair);
    }
    get size() { return listOf(this).length; }
    append(name, value) { listOf(this).push([String(name), String(value)]); changed(this); }
    delete(name, value) {
      const list = listOf(this);
      const n = String(name);
      for (let i = list.length - 1; i >= 0; i--) {
        if (list[i][0] === n && (value === undefined || list[i][1] === String(value))) list.splice(i, 1);
      }
      changed(this);
    }
    get(name) {
      const n = String(name);
      const hit = listOf(this).find((p) => p[0] === n);
      return hit ? hit[1] : null;
    }
    getAll(name) { const n = String(name); return listOf(this).filter((p) => p[0] === n).map((p) => p[1]); }
    has(name, value) {
      const n = String(name);
      return listOf(this).some((p) => p[0] === n && (value === undefined || p[1] === String(value)));
    }
    set(name, value) {
      const list = listOf(this);
      const n = String(name);
      const v = String(value);
      const first = list.findIndex((p) => p[0] === n);
      if (first < 0) list.push([n, v]);
      else {
        list[first][1] = v;
        for (let i = list.length - 1; i > first; i--) if (list[i][0] === n) list.splice(i, 1);
      }
      changed(this);
    }
    sort() {
      const list = listOf(this);
      const sorted = list.map((p, i) => [p, i]).sort((a, b) => (a[0][0] < b[0][0] ? -1 : a[0][0] > b[0][0] ? 1 : a[1] - b[1])).map((x) => x[0]);
      list.length = 0;
      for (const p of sorted) list.push(p);
      changed(this);
    }
    forEach(callback, thisArg) { for (const p of listOf(this).slice()) callback.call(thisArg, p[1], p[0], this); }
    *entries() { for (const p of listOf(this).slice()) yield [p[0], p[1]]; }
    *keys() { for (const p of listOf(this).slice()) yield p[0]; }
    *values() { for (const p of listOf(this).slice()) yield p[1]; }
    [Symbol.iterator]() { return this.entries(); }
    toString() { return listOf(this).map((p) => formEncode(p[0]) + '=' + formEncode(p[1])).join('&'); }
    get [Symbol.toStringTag]() { return 'URLSearchParams'; }
  }

  function recordOf(url) {
    const r = records.get(url);
    if (!r) throw new TypeError('Value of "this" must be of type URL');
    return r;
  }
  function linkParams(url, r) {
    const params = new URLSearchParams(r.query || '');
    owners.set(params, url);
    return params;
  }
  function refreshParams(url) {
    const params = paramsOf.get(url);
    const list = lists.get(params);
    list.length = 0;
    for (const pair of parseForm(recordOf(url).query || '')) list.push(pair);
  }
  const paramsOf = new WeakMap();

  class URL {
    constructor(url, base) {
      const baseRecord = base === undefined ? null : parse(String(base), null);
      const r = parse(String(url), baseRecord);
      records.set(this, r);
      paramsOf.set(this, linkParams(this, r));
    }
    static canParse(url, base) { try { new URL(url, base); return true; } catch { return false; } }
    get href() { return serialize(recordOf(this)); }
    set href(value) { records.set(this, parse(String(value), null)); refreshParams(this); }
    get origin() {
      const r = recordOf(this);
      if (!isSpecial(r.protocol) || r.protocol === 'file:') return 'null';
      return r.protocol + '//' + r.hostname + (r.port !== '' ? ':' + r.port : '');
    }
    get protocol() { return recordOf(this).protocol; }
    set protocol(value) {
      const r = recordOf(this);
      const p = String(value).replace(/:.*$/, '').toLowerCase() + ':';
      if (!/^[a-z][a-z0-9+\-.]*:$/.test(p) || isSpecial(p) !== isSpecial(r.protocol) || p === 'file:' || r.protocol === 'file:') return;
      r.protocol = p;
      if (isSpecial(p) && SPECIAL[p] === r.port) r.port = '';
    }
    get username() { return recordOf(this).username; }
    set username(value) { const r = recordOf(this); if (r.hasAuthority && r.hostname !== '') r.username = percentEncode(String(value), USERINFO_SET); }
    get password() { return recordOf(this).password; }
    set password(value) { const r = recordOf(this); if (r.hasAuthority && r.hostname !== '') r.password = percentEncode(String(value), USERINFO_SET); }
    get host() { const r = recordOf(this); return r.hostname + (r.port !== '' ? ':' + r.port : ''); }
    set host(value) {
      const r = recordOf(this);
      if (r.opaque) return;
      try {
        const next = parse(r.protocol + '//' + String(value).replace(/[\/?#].*$/, ''), null);
        if (next.hostname === '' && isSpecial(r.protocol)) return;
        r.hostname = next.hostname;
        r.port = next.port;
      } catch {}
    }
    get hostname() { return recordOf(this).hostname; }
    set hostname(value) {
      const r = recordOf(this);
      if (r.opaque) return;
      try {
        const next = parse(r.protocol + '//' + String(value).replace(/[:\/?#].*$/, ''), null);
        if (next.hostname === '' && isSpecial(r.protocol)) return;
        r.hostname = next.hostname;
      } catch {}
    }
    get port() { return recordOf(this).port; }
    set port(value) {
      const r = recordOf(this);
      if (!r.hasAuthority || r.hostname === '' || r.protocol === 'file:') return;
      const digits = /^[0-9]*/.exec(String(value))[0];
      if (digits === '') { if (String(value) === '') r.port = ''; return; }
      if (Number(digits) > 65535) return;
      r.port = isSpecial(r.protocol) && SPECIAL[r.protocol] === String(Number(digits)) ? '' : String(Number(digits));
    }
    get pathname() { return recordOf(this).pathname; }
    set pathname(value) {
      const r = recordOf(this);
      if (r.opaque) return;
      const v = String(value);
      r.pathname = normalizePath(v.charAt(0) === '/' || (isSpecial(r.protocol) && v.charAt(0) === '\\') ? v : '/' + v, isSpecial(r.protocol));
    }
    get search() { const q = recordOf(this).query; return q === null || q === '' ? '' : '?' + q; }
    set search(value) {
      const r = recordOf(this);
      const v = String(value);
      r.query = v === '' ? null : percentEncode(v.charAt(0) === '?' ? v.slice(1) : v, isSpecial(r.protocol) ? SPECIAL_QUERY_SET : QUERY_SET);
      refreshParams(this);
    }
    get searchParams() { recordOf(this); return paramsOf.get(this); }
    get hash() { const f = recordOf(this).fragment; return f === null || f === '' ? '' : '#' + f; }
    set hash(value) {
      const r = recordOf(this);
      const v = String(value);
      r.fragment = v === '' ? null : percentEncode(v.charAt(0) === '#' ? v.slice(1) : v, FRAGMENT_SET);
    }
    toString() { return this.href; }
    toJSON() { return this.href; }
    get [Symbol.toStringTag]() { return 'URL'; }
  }

  k.URL = URL;
  k.URLSearchParams = URLSearchParams;
  k.define('URL', URL);
  k.define('URLSearchParams', URLSearchParams);
}`;
