/*
 * WhatsApp's message formatting as DOM nodes (never HTML strings): the same rules as the server's
 * src/Parley/Formatting/WhatsAppText.cs, which the admin uses; a browser test renders the same samples
 * with both and compares them.
 *   ```text```  monospace, may span lines, nothing inside is formatted;  `text`  inline code;
 *   *bold*  _italic_  ~strike~  open at the start or after a space or ( [ { " ', close before the end,
 *     a space or punctuation, on one line, and nest;
 *   "> " quote lines, "- ", "* " or "• " bullets, "1. " numbered lines (numbers as written);
 *   http(s) and www. addresses become links.
 */
(function (global) {
  'use strict';

  var MONO_RE = /```([\s\S]+?)```/g;
  var LINE_PREFIX_RE = /^(?:(> )|([0-9]{1,3})\. |[-*•] )/;
  var EMPHASIS_RE = /`([^`\n]+)`|(^|[\s(\[{"'])([*_~])(?=\S)([^\n]*?\S)\3(?=$|[\s.,!?;:)\]}"'])/g;
  var URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"']+/gi;
  var TAGS = { '*': 'strong', '_': 'em', '~': 's' };

  // The message as a DocumentFragment of text nodes and the few elements above.
  function render(text) {
    var fragment = document.createDocumentFragment();
    blocks(String(text == null ? '' : text)).forEach(function (block) {
      if (block.kind === 'quote') {
        var quote = document.createElement('blockquote');
        appendLines(quote, block.lines);
        fragment.appendChild(quote);
      } else if (block.kind === 'bullets' || block.kind === 'numbered') {
        var list = document.createElement(block.kind === 'bullets' ? 'ul' : 'ol');
        block.lines.forEach(function (line) {
          var li = document.createElement('li');
          if (line.number != null) li.setAttribute('value', line.number);
          appendPieces(li, line.pieces);
          list.appendChild(li);
        });
        fragment.appendChild(list);
      } else {
        appendLines(fragment, block.lines);
      }
    });
    return fragment;
  }

  function blocks(text) {
    var result = [];
    lines(text.replace(/\r\n/g, '\n')).forEach(function (line) {
      var last = result[result.length - 1];
      if (last && last.kind === line.kind) last.lines.push(line);
      else result.push({ kind: line.kind, lines: [line] });
    });
    return result;
  }

  function lines(text) {
    var raw = [[]];
    var last = 0;
    var match;
    MONO_RE.lastIndex = 0;
    while ((match = MONO_RE.exec(text)) !== null) {
      splitInto(raw, text.slice(last, match.index));
      raw[raw.length - 1].push({ mono: true, text: match[1] });
      last = MONO_RE.lastIndex;
    }
    splitInto(raw, text.slice(last));

    return raw.map(function (parts) {
      var kind = 'text';
      var number = null;
      var prefix = parts.length && !parts[0].mono ? LINE_PREFIX_RE.exec(parts[0].text) : null;
      if (prefix) {
        kind = prefix[1] ? 'quote' : (prefix[2] ? 'numbered' : 'bullets');
        number = prefix[2] || null;
        parts[0] = { mono: false, text: parts[0].text.slice(prefix[0].length) };
      }
      var pieces = [];
      parts.forEach(function (part) {
        if (part.mono) pieces.push({ kind: 'mono', text: part.text });
        else pieces = pieces.concat(inlines(part.text));
      });
      return { kind: kind, number: number, pieces: pieces };
    });
  }

  function splitInto(lines, text) {
    text.split('\n').forEach(function (part, i) {
      if (i > 0) lines.push([]);
      if (part) lines[lines.length - 1].push({ mono: false, text: part });
    });
  }

  function inlines(text) {
    var result = [];
    var last = 0;
    var match;
    // A fresh regex per call: the search is recursive and a shared lastIndex would be overwritten.
    var re = new RegExp(EMPHASIS_RE.source, 'g');
    while ((match = re.exec(text)) !== null) {
      if (match[1] != null) {
        addLinked(result, text.slice(last, match.index));
        result.push({ kind: 'code', text: match[1] });
      } else {
        addLinked(result, text.slice(last, match.index) + match[2]);
        result.push({ kind: TAGS[match[3]], children: inlines(match[4]) });
      }
      last = re.lastIndex;
    }
    addLinked(result, text.slice(last));
    return result;
  }

  function addLinked(result, text) {
    if (!text) return;
    var last = 0;
    var match;
    var re = new RegExp(URL_RE.source, 'gi');
    while ((match = re.exec(text)) !== null) {
      var url = trimUrl(match[0]);
      if (!url) continue;
      if (match.index > last) result.push({ kind: 'text', text: text.slice(last, match.index) });
      result.push({ kind: 'link', text: url });
      last = match.index + url.length;
      re.lastIndex = last;
    }
    if (last < text.length) result.push({ kind: 'text', text: text.slice(last) });
  }

  // Trailing punctuation is not part of an address, nor a closing bracket that was never opened.
  function trimUrl(url) {
    for (;;) {
      var c = url.charAt(url.length - 1);
      if (c && '.,;:!?*_~'.indexOf(c) >= 0) { url = url.slice(0, -1); continue; }
      if (c === ')' && url.split('(').length < url.split(')').length) { url = url.slice(0, -1); continue; }
      return url;
    }
  }

  // http(s) only; www. gets https://.
  function href(url) {
    try {
      var u = new URL(/^www\./i.test(url) ? 'https://' + url : url);
      return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  function appendLines(parent, lines) {
    lines.forEach(function (line, i) {
      if (i > 0) parent.appendChild(document.createTextNode('\n'));
      appendPieces(parent, line.pieces);
    });
  }

  function appendPieces(parent, pieces) {
    pieces.forEach(function (piece) {
      var node;
      switch (piece.kind) {
        case 'text':
          node = document.createTextNode(piece.text);
          break;
        case 'link':
          var target = href(piece.text);
          if (!target) { node = document.createTextNode(piece.text); break; }
          node = document.createElement('a');
          node.href = target;
          node.target = '_blank';
          node.rel = 'noopener noreferrer nofollow';
          node.textContent = piece.text;
          break;
        case 'code':
          node = document.createElement('code');
          node.textContent = piece.text;
          break;
        case 'mono':
          node = document.createElement('code');
          node.className = 'mono';
          node.textContent = piece.text;
          break;
        default:
          node = document.createElement(piece.kind);
          appendPieces(node, piece.children);
      }
      parent.appendChild(node);
    });
  }

  global.ParleyWhatsAppText = { render: render };
})(window);
