/*
 * amicus search engine for the browser.
 *
 * A classic script: no modules, no fetch, no WebAssembly, no worker, so it
 * runs from file:// and in hardened browsers. It loads the exported index
 * (search/*.js, see docs/search-format.md) by injecting <script> tags, each
 * of which calls amicusSearch.add(name, data).
 *
 * The query language, matching and ranking are a line-by-line port of
 * src/search/{query,engine,facets,snippet}.rs: the same sums in the same
 * order, so that the browser ranks exactly as `amicus search` does (a parity
 * test holds them to it). This file never touches the page; search-page.js
 * does.
 */
(function (global) {
  "use strict";

  var api = global.amicusSearch || (global.amicusSearch = {});
  /** The index's stemmers (stemmer.js, loaded before this file). */
  var stem = global.amicusStem;
  if (typeof stem !== "function") throw new Error("assets/stemmer.js must be loaded before assets/search.js");
  var registry = Object.create(null);
  var pending = Object.create(null);
  /** Files being inflated, by name. */
  var inflating = Object.create(null);

  /** Where the shards are, relative to the page. */
  api.base = api.base || "search/";
  /**
   * The manifest's file name (`manifest.8f2c1a9b`), which the page names
   * (search.html's data-index): the manifest names every other file.
   */
  api.index = api.index || "manifest";
  /** The names of the shards requested so far, in order (for figures). */
  api.requested = [];
  /**
   * A document table of at most this many shards is loaded with a query's
   * first terms shards (see `eagerDocShards`); set before the first query
   * to try the path of a larger table on a small one.
   */
  if (api.eagerDocShards === undefined) api.eagerDocShards = 2;

  /** Called by every shard file, under its file name. */
  api.add = function (name, data) {
    registry[name] = data;
    var callbacks = pending[name] || [];
    delete pending[name];
    callbacks.forEach(function (callback) { callback(null); });
  };

  /**
   * Loads one file with a <script> tag; replaceable (tests use Node). A
   * file that cannot be loaded, or that loads without adding itself (a
   * host answering with a page of its own), is missing: after a redeploy,
   * the page's build is gone (see `missing`).
   */
  api.loader = api.loader || function (file, done) {
    var script = document.createElement("script");
    script.src = api.base + file + ".js";
    script.async = true;
    script.onerror = function () { done(missing(script.src)); };
    script.onload = function () { if (!(file in registry)) done(missing(script.src)); };
    document.head.appendChild(script);
  };

  /**
   * The error of a file that is not there. Every file's name carries a
   * tag of its content, so that a page never mixes two builds' files:
   * a file of the page's build that is missing means the site was built
   * again since the page was opened (`error.missing`: the page reloads).
   */
  function missing(src) {
    var error = new Error("cannot load the search index file " + src);
    error.missing = true;
    return error;
  }

  /** The manifest, once loaded and inflated. */
  function manifestData() {
    var manifest = registry[api.index];
    return manifest && typeof manifest === "object" ? manifest : null;
  }

  /**
   * The file a shard is in: its name and the tag the manifest gives it
   * (`text-3` → `text-3.8f2c1a9b`). Consecutive terms and positions
   * shards share a tag, and their files are named by their place in their
   * group (`terms-3`, the first of a group of five after a group of two,
   * → `terms-1.8f2c1a9b`); the manifest gives each group's size
   * (`shards.groups`). The text files of consecutive documents share a
   * tag too.
   */
  function fileName(name) {
    if (name === "manifest") return api.index;
    var manifest = manifestData();
    // Asked for every match of a query: worked out once per manifest.
    if (fileNames.manifest !== manifest) fileNames = { manifest: manifest, of: new Map(), firsts: {} };
    var known = fileNames.of.get(name);
    if (known !== undefined) return known;
    var dash = name.indexOf("-");
    var kind = name.slice(0, dash);
    var number = parseInt(name.slice(dash + 1), 10);
    var group = manifest.shards.groups[kind];
    var stem = name;
    if (typeof group === "string") {
      var firsts = fileNames.firsts[kind] || (fileNames.firsts[kind] = groupFirsts(group));
      var g = lastAtMost(firsts, number);
      stem = kind + "-" + (number - (firsts[g] || 0));
      number = g;
    } else if (group && (kind !== "text" || manifest.shards.text === "each")) {
      number = Math.floor(number / group);
    }
    var tags = manifest.tags[kind] || "";
    var file = stem + "." + tags.slice(8 * number, 8 * number + 8);
    fileNames.of.set(name, file);
    return file;
  }

  /** The first shard of each group, from the groups' sizes. */
  function groupFirsts(sizes) {
    var firsts = [];
    var first = 0;
    readNumbers(sizes).forEach(function (size) {
      firsts.push(first);
      first += size;
    });
    return firsts;
  }

  /** The index of the last of the sorted `numbers` at most `n` (0 if none). */
  function lastAtMost(numbers, n) {
    var lo = 0, hi = numbers.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (numbers[mid] <= n) lo = mid; else hi = mid - 1;
    }
    return lo;
  }
  var fileNames = { manifest: null, of: new Map(), firsts: {} };

  /** A loaded shard's data (undefined until it is loaded and inflated). */
  function got(name) {
    var manifest = manifestData();
    if (manifest && manifest.inline && name in manifest.inline) return manifest.inline[name];
    return registry[fileName(name)];
  }

  /**
   * A loaded file's data; a file written deflated (a string: the
   * manifest, terms shards and texts) is inflated once, first.
   */
  function ready(file) {
    var data = registry[file];
    if (typeof data !== "string") return Promise.resolve(data);
    return inflating[file] || (inflating[file] = inflateText(data).then(function (json) {
      registry[file] = JSON.parse(json);
      return registry[file];
    }));
  }

  function load(name) {
    var manifest = manifestData();
    if (manifest && manifest.inline && name in manifest.inline) return Promise.resolve(manifest.inline[name]);
    var file = fileName(name);
    if (file in registry) return ready(file);
    return new Promise(function (resolve, reject) {
      var first = !(file in pending);
      (pending[file] = pending[file] || []).push(function (error) {
        if (error) reject(error); else ready(file).then(resolve, reject);
      });
      if (!first) return;
      api.requested.push(name);
      api.loader(file, function (error) {
        if (!error) return;
        var callbacks = pending[file] || [];
        delete pending[file];
        callbacks.forEach(function (callback) { callback(error); });
      });
    });
  }

  function loadAll(names) {
    return Promise.all(Array.from(new Set(names)).map(load));
  }

  // ---------------------------------------------------------------------
  // Normalisation: the contract of src/search/analyzer.rs.

  var WORD = /[\p{Alphabetic}\p{Nd}\p{Nl}\p{No}]+/gu;
  var fold = null;

  function setFolding(table) {
    fold = Object.create(null);
    Object.keys(table).forEach(function (folded) {
      Array.from(table[folded]).forEach(function (c) { fold[c] = folded; });
    });
    // Words split before were folded by another table, or none.
    wordsOf.clear();
    wordTextsOf.clear();
  }

  function normaliseWord(raw) {
    if (PLAIN_WORD.test(raw)) return raw;
    var out = "";
    for (var c of raw) {
      for (var d of c.toLowerCase()) out += (fold && fold[d]) || d;
    }
    return out;
  }

  /** A word normalisation leaves as it is: lower-case ASCII letters and digits. */
  var PLAIN_WORD = /^[a-z0-9]+$/;

  /**
   * The words of a text: {text, start, end, position}, offsets in UTF-16;
   * shared, never to be changed. The texts of the first results are read
   * again by every query that shows them, so their words are kept (those
   * of the last 2,048 texts split: blocks, titles, summaries, values).
   */
  function words(text) { return kept(wordsOf, text, splitWords); }
  var wordsOf = new Map();

  /** `make(text)`, kept in `cache` for the last `WORDS_KEPT` texts. */
  function kept(cache, text, make) {
    var known = cache.get(text);
    if (known !== undefined) return known;
    if (cache.size >= WORDS_KEPT) cache.clear();
    known = make(text);
    cache.set(text, known);
    return known;
  }
  var WORDS_KEPT = 2048;

  function splitWords(text) {
    var found = [];
    var match;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(text)) !== null) {
      found.push({
        text: normaliseWord(match[0]),
        start: match.index,
        end: match.index + match[0].length,
        position: found.length
      });
    }
    return found;
  }

  /** The normalised words of a text; shared, never to be changed. */
  function wordTexts(text) {
    return kept(wordTextsOf, text, function () { return words(text).map(function (w) { return w.text; }); });
  }
  var wordTextsOf = new Map();

  /** Code point order, as Rust compares strings. */
  function compare(a, b) {
    if (a === b) return 0;
    var n = Math.min(a.length, b.length);
    for (var i = 0; i < n; i++) {
      var x = a.codePointAt(i);
      var y = b.codePointAt(i);
      if (x !== y) return x < y ? -1 : 1;
      if (x > 0xffff) i++;
    }
    return a.length < b.length ? -1 : 1;
  }

  function sameList(a, b) {
    if (a.length !== b.length) return false;
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  // ---------------------------------------------------------------------
  // The query language: src/search/query.rs.

  var FILTER_FIELDS = ["type", "country", "court", "grounds", "crimes", "year", "lang", "relation"];

  function isSpace(c) { return /\s/u.test(c); }

  function readQuoted(chars, start) {
    start = Math.min(start, chars.length);
    for (var i = start; i < chars.length; i++) {
      if (chars[i] === '"') return [chars.slice(start, i).join(""), i + 1, true];
    }
    return [chars.slice(start).join(""), chars.length, false];
  }

  function lex(input) {
    var chars = Array.from(input);
    var lexemes = [];
    var i = 0;
    while (i < chars.length) {
      if (isSpace(chars[i])) { i++; continue; }
      var negated = chars[i] === "-" && i + 1 < chars.length && !isSpace(chars[i + 1]);
      if (negated) i++;
      if (chars[i] === '"') {
        var quoted = readQuoted(chars, i + 1);
        i = quoted[1];
        lexemes.push({ negated: negated, quoted: true, text: quoted[0], field: null, ended: quoted[2] || i < chars.length });
        continue;
      }
      var start = i;
      while (i < chars.length && !isSpace(chars[i]) && chars[i] !== '"') i++;
      var word = chars.slice(start, i).join("");
      var colon = word.indexOf(":");
      var field = colon >= 0 ? word.slice(0, colon).toLowerCase() : null;
      if (field !== null && FILTER_FIELDS.indexOf(field) >= 0) {
        var value = word.slice(colon + 1);
        if (value === "" && chars[i] === '"') {
          var q = readQuoted(chars, i + 1);
          i = q[1];
          value = q[0];
        }
        if (value.trim() !== "") {
          lexemes.push({ negated: negated, quoted: false, text: value.trim(), field: field, ended: true });
        }
      } else {
        lexemes.push({ negated: negated, quoted: false, text: word, field: null, ended: i < chars.length });
      }
    }
    return lexemes;
  }

  function unitOf(lexeme, lastTyped) {
    var star = !lexeme.quoted && /\*$/.test(lexeme.text);
    var text = star ? lexeme.text.replace(/\*+$/, "") : lexeme.text;
    var found = wordTexts(text);
    if (found.length === 0) return null;
    if (found.length === 1) return { word: found[0], prefix: !lexeme.quoted && (star || lastTyped) };
    return { phrase: found };
  }

  /** Parses a query; `typing` makes the last word a prefix unless a space follows. */
  /** src/search/query.rs `MAX_NEAR`. */
  var MAX_NEAR = 255;

  /** src/search/query.rs `near_operator`: {within: N} for `w/N`, {paragraph: true} for `/p`, or null. */
  function nearOperator(text) {
    if (text === "/p" || text === "/P") return { paragraph: true };
    var found = /^[wW]\/([0-9]+)$/.exec(text);
    if (!found) return null;
    var within = Number(found[1]);
    return { within: within > MAX_NEAR ? MAX_NEAR : within };
  }

  function parse(input, typing) {
    var lexemes = lex(input);
    var query = { clauses: [], excluded: [], filters: [], near: [] };
    var joinNext = false;
    var nearNext = null;
    lexemes.forEach(function (lexeme, index) {
      var bare = !lexeme.quoted && !lexeme.negated && lexeme.field === null;
      if (bare && lexeme.text === "OR") {
        joinNext = query.clauses.length > 0;
        return;
      }
      var operator = bare ? nearOperator(lexeme.text) : null;
      if (operator !== null) {
        nearNext = query.clauses.length > 0 ? operator : null;
        joinNext = false;
        return;
      }
      if (lexeme.field !== null) {
        query.filters.push({ field: lexeme.field, value: lexeme.text, negated: lexeme.negated });
        joinNext = false;
        nearNext = null;
        return;
      }
      var lastTyped = typing && index + 1 === lexemes.length && !lexeme.ended;
      var unit = unitOf(lexeme, lastTyped);
      if (unit === null) return;
      if (lexeme.negated) query.excluded.push(unit);
      else if (joinNext) query.clauses[query.clauses.length - 1].push(unit);
      else {
        query.clauses.push([unit]);
        if (nearNext !== null) {
          var right = query.clauses.length - 1;
          query.near.push({ left: right - 1, right: right, within: nearNext.within, paragraph: !!nearNext.paragraph });
        }
      }
      joinNext = false;
      nearNext = null;
    });
    return query;
  }

  function describeUnit(unit) {
    if (unit.phrase) return '"' + unit.phrase.join(" ") + '"';
    return unit.prefix ? unit.word + "*" : unit.word;
  }

  // ---------------------------------------------------------------------
  // The index as loaded: what src/search/engine.rs calls SearchData.

  // ---------------------------------------------------------------------
  // Digits (src/search/digits.rs): base64 digits for bit columns and the
  // shards' front-coded starts, and 93 digits, printable ASCII but `"` and
  // `\`, for numbers and packed text.

  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  var DIGIT_OF = new Int8Array(128);
  for (var digit = 0; digit < DIGITS.length; digit++) DIGIT_OF[DIGITS.charCodeAt(digit)] = digit;

  var DIGIT_93_OF = new Int8Array(128).fill(-1);
  for (var digit93 = 0, code = 32; code < 127; code++) {
    if (code !== 34 && code !== 92) DIGIT_93_OF[code] = digit93++;
  }

  /** A number's last digit is one of the first 64; the 29 after them say more follow. */
  var LAST_DIGITS = 64, MORE_DIGITS = 29;

  /** Numbers in shards, lowest digit first (`push_number`). */
  function readNumbers(text) {
    var numbers = [];
    var value = 0;
    var scale = 1;
    for (var i = 0; i < text.length; i++) {
      var d = DIGIT_93_OF[text.charCodeAt(i) & 127];
      if (d < LAST_DIGITS) {
        numbers.push(value + d * scale);
        value = 0;
        scale = 1;
      } else {
        value += (d - LAST_DIGITS) * scale;
        scale *= MORE_DIGITS;
      }
    }
    return numbers;
  }

  // ---------------------------------------------------------------------
  // Packed data: deflated, written as text (`bytes_as_text` in
  // src/search/export/files.rs, docs/search-format.md).

  /**
   * The bytes packed text stands for: thirteen bits in each two digits
   * (the low one first), six in a last lone digit.
   */
  function packedBytes(text) {
    var bytes = new Uint8Array(Math.floor(text.length * 13 / 16));
    var at = 0, held = 0, count = 0;
    for (var i = 0; i < text.length; i += 2) {
      var low = DIGIT_93_OF[text.charCodeAt(i) & 127];
      var value, width;
      if (i + 1 < text.length) {
        value = low + 93 * DIGIT_93_OF[text.charCodeAt(i + 1) & 127];
        width = 13;
      } else {
        value = low;
        width = 6;
      }
      held = ((held & 255) << width) | value;
      count += width;
      while (count >= 8) {
        count -= 8;
        bytes[at++] = held >> count;
      }
    }
    return bytes.subarray(0, at);
  }

  /**
   * The browser's inflater where it has one (`deflate-raw` is recent: an
   * older browser refuses it), else `inflateRaw`.
   */
  function inflateText(packed) {
    var bytes = packedBytes(packed);
    var decoder = new TextDecoder();
    function ours() { return decoder.decode(inflateRaw(bytes)); }
    if (typeof DecompressionStream !== "function" || typeof Response !== "function" || typeof Blob !== "function") {
      return Promise.resolve().then(ours);
    }
    try {
      var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
      return new Response(stream).arrayBuffer().then(function (buffer) { return decoder.decode(buffer); }, ours);
    } catch (refused) {
      return Promise.resolve().then(ours);
    }
  }

  var LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
  var LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
  var DISTANCE_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
  var DISTANCE_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
  var CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

  /** A canonical Huffman code from its code lengths (RFC 1951, 3.2.2). */
  function huffman(lengths) {
    var counts = new Uint16Array(16);
    var offsets = new Uint16Array(16);
    var symbols = new Uint16Array(lengths.length);
    lengths.forEach(function (length) { counts[length]++; });
    counts[0] = 0;
    for (var i = 1; i < 16; i++) offsets[i] = offsets[i - 1] + counts[i - 1];
    lengths.forEach(function (length, symbol) { if (length) symbols[offsets[length]++] = symbol; });
    return { counts: counts, symbols: symbols };
  }

  /**
   * Inflates raw deflate data, for browsers without `DecompressionStream`;
   * the parity tests run it too.
   */
  function inflateRaw(data) {
    var out = new Uint8Array(Math.max(1024, data.length * 4));
    var length = 0;
    var at = 0;
    var bit = 0;
    function bits(count) {
      var value = 0;
      for (var i = 0; i < count; i++) {
        if (at >= data.length) throw new Error("truncated search text");
        value |= ((data[at] >> bit) & 1) << i;
        if (++bit === 8) { bit = 0; at++; }
      }
      return value;
    }
    function emit(byte) {
      if (length === out.length) {
        var bigger = new Uint8Array(out.length * 2);
        bigger.set(out);
        out = bigger;
      }
      out[length++] = byte;
    }
    function decode(code) {
      var value = 0;
      var first = 0;
      var index = 0;
      for (var len = 1; len < 16; len++) {
        value |= bits(1);
        var count = code.counts[len];
        if (value - count < first) return code.symbols[index + (value - first)];
        index += count;
        first = (first + count) << 1;
        value <<= 1;
      }
      throw new Error("bad search text");
    }
    function fixedCodes() {
      var lengths = [];
      for (var i = 0; i < 288; i++) lengths.push(i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8);
      var distances = [];
      for (var d = 0; d < 30; d++) distances.push(5);
      return [huffman(lengths), huffman(distances)];
    }
    function dynamicCodes() {
      var literals = bits(5) + 257;
      var distances = bits(5) + 1;
      var codeLengths = bits(4) + 4;
      var order = new Array(19).fill(0);
      for (var i = 0; i < codeLengths; i++) order[CODE_LENGTH_ORDER[i]] = bits(3);
      var lengthCode = huffman(order);
      var lengths = [];
      while (lengths.length < literals + distances) {
        var symbol = decode(lengthCode);
        if (symbol < 16) {
          lengths.push(symbol);
        } else {
          var repeat = symbol === 16 ? 3 + bits(2) : symbol === 17 ? 3 + bits(3) : 11 + bits(7);
          var value = symbol === 16 ? lengths[lengths.length - 1] : 0;
          for (var r = 0; r < repeat; r++) lengths.push(value);
        }
      }
      return [huffman(lengths.slice(0, literals)), huffman(lengths.slice(literals))];
    }
    var last = 0;
    while (!last) {
      last = bits(1);
      var type = bits(2);
      if (type === 0) {
        if (bit) { bit = 0; at++; }
        var stored = data[at] | (data[at + 1] << 8);
        at += 4;
        for (var s = 0; s < stored; s++) emit(data[at++]);
        continue;
      }
      if (type === 3) throw new Error("bad search text");
      var codes = type === 1 ? fixedCodes() : dynamicCodes();
      for (;;) {
        var symbol = decode(codes[0]);
        if (symbol < 256) { emit(symbol); continue; }
        if (symbol === 256) break;
        var copy = LENGTH_BASE[symbol - 257] + bits(LENGTH_EXTRA[symbol - 257]);
        var d = decode(codes[1]);
        var distance = DISTANCE_BASE[d] + bits(DISTANCE_EXTRA[d]);
        for (var c = 0; c < copy; c++) emit(out[length - distance]);
      }
    }
    return out.subarray(0, length);
  }

  /** Reads numbers of fixed widths packed six bits to a digit (`BitWriter`). */
  function BitReader(text) {
    this.text = text;
    this.at = 0;
  }

  /** A number of `width` bits, the lowest first; the bits of a digit taken at once. */
  BitReader.prototype.read = function (width) {
    var value = 0;
    for (var got = 0; got < width;) {
      var digit = (this.at / 6) | 0;
      var offset = this.at - digit * 6;
      var take = Math.min(6 - offset, width - got);
      var bits = (DIGIT_OF[this.text.charCodeAt(digit)] >> offset) & ((1 << take) - 1);
      value += bits * Math.pow(2, got);
      got += take;
      this.at += take;
    }
    return value;
  };

  /** One column of the document table (src/search/table.rs `encode`). */
  function decodeColumn(column, count) {
    var reader = new BitReader(column.bits);
    var values = [];
    for (var i = 0; i < count; i++) {
      if (column.mask !== undefined) {
        var set = [];
        for (var v = 0; v < column.mask; v++) if (reader.read(1)) set.push(v);
        values.push(set);
      } else if (column.count !== undefined) {
        var list = [];
        for (var n = reader.read(column.count); n > 0; n--) list.push(reader.read(column.width));
        values.push(list);
      } else {
        values.push(reader.read(column.width));
      }
    }
    return values;
  }

  /** Where each keyed shard starts, front-coded (`front_coded` in export.rs). */
  function readKeys(text) {
    var keys = [];
    var previous = [];
    text.split("\n").forEach(function (item) {
      var chars = previous.slice(0, DIGIT_OF[item.charCodeAt(0)]).concat(Array.from(item.slice(1)));
      keys.push(chars.join(""));
      previous = chars;
    });
    return keys;
  }

  function Data(manifest) {
    this.m = manifest;
    this.langs = manifest.langs;
    this.parts = manifest.parts;
    this.cache = Object.create(null);
    this.docCache = Object.create(null);
    this.facetCache = Object.create(null);
    this.columnCache = Object.create(null);
    this.shardNames = Object.create(null);
    /** Document table shards a body posting's length code was missing from. */
    this.missingDocShards = new Set();
    this.termStarts = readKeys(manifest.shards.terms);
    this.positionStarts = readKeys(manifest.shards.pos);
  }

  Data.prototype.termShard = function (key) { return keyShard(this.termStarts, key); };

  /** The shard of a key: the last whose first key is not after it. */
  function keyShard(starts, key) {
    var lo = 0;
    var hi = starts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (compare(starts[mid], key) <= 0) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  /**
   * The terms shards that can hold words starting with `prefix`; not those
   * holding only names (keys from one starting `prosecutor v` to the next
   * shard's, also starting `prosecutor `): a word holds no space.
   */
  Data.prototype.prefixShards = function (prefix) {
    var starts = this.termStarts;
    var first = this.termShard(prefix);
    var shards = [first];
    for (var i = first + 1; i < starts.length && starts[i].indexOf(prefix) === 0; i++) {
      var space = starts[i].indexOf(" ");
      var namesOnly = space >= 0 && i + 1 < starts.length && starts[i + 1].indexOf(starts[i].slice(0, space + 1)) === 0;
      if (!namesOnly) shards.push(i);
    }
    return shards;
  };

  /** Terms shards with every part, by number, once loaded and inflated. */
  var termsShards = [];

  /** A loaded terms shard, the parts (`w` …) it left out as empty. */
  function termsShard(i) {
    if (termsShards[i]) return termsShards[i];
    var shard = got("terms-" + i);
    if (!shard || typeof shard === "string") return null;
    termsShards[i] = { w: shard.w || {}, p: shard.p || {}, f: shard.f || {}, n: shard.n || {} };
    return termsShards[i];
  }

  Data.prototype.shardOfKey = function (key) {
    return termsShard(this.termShard(key)) || { w: {}, p: {}, f: {}, n: {} };
  };

  Data.prototype.hasWord = function (word) {
    return Object.prototype.hasOwnProperty.call(this.shardOfKey(word).w, word);
  };

  Data.prototype.wordsWithPrefix = function (prefix, limit) {
    var found = [];
    this.prefixShards(prefix).forEach(function (i) {
      var shard = termsShard(i);
      if (!shard) return;
      Object.keys(shard.w).forEach(function (w) { if (w.indexOf(prefix) === 0) found.push(w); });
    });
    found.sort(compare);
    return found.slice(0, limit);
  };

  /**
   * [[lang, term], …] in the order of the manifest's languages: for a word
   * of the vocabulary, as the export wrote it; for any other, its stem in
   * each language where that stem is a term (`persecuted` → `persecut`,
   * though the corpus only has `persecution`), stemmed exactly as the
   * index stems (`stemmer.js`).
   */
  Data.prototype.wordTerms = function (word) {
    var encoded = this.shardOfKey(word).w[word];
    if (!encoded) return this.stemmedTerms(word);
    var terms = [];
    for (var i = 0; i < encoded.length; i++) {
      if (encoded[i] === 0) continue;
      terms.push([this.langs[i], encoded[i] === 1 ? word : encoded[i]]);
    }
    return terms;
  };

  /** The term of `word` in each language, as the index would stem it. */
  Data.prototype.stems = function (word) {
    return this.langs.map(function (lang) { return [lang, lang === "any" ? word : stem(lang, word)]; });
  };

  /** The stems of a word the vocabulary lacks that are terms of their language. */
  Data.prototype.stemmedTerms = function (word) {
    var self = this;
    return this.stems(word).filter(function (lt) {
      var fields = self.shardOfKey(lt[1]).p[lt[1]];
      return !!fields && self.parts.some(function (part) { return fields[fieldName(part, lt[0])] !== undefined; });
    });
  };

  /** Whether a query word finds anything: as written, or by its stem. */
  Data.prototype.knows = function (word) {
    return this.hasWord(word) || this.stemmedTerms(word).length > 0;
  };

  Data.prototype.stats = function (field) {
    var s = this.m.fields[field];
    return s ? { docs: s[0], averageNorm: s[1] } : null;
  };

  /**
   * [{doc, normId, tf, segments}, …] of a term in a field, by document;
   * `segments` (bits) where it stands in a body, else 0. A body posting's
   * length code is the document table's (`body`): a list read while a
   * shard of the table is missing has 0 there, is not remembered, and
   * names the shard in `missingDocShards`.
   */
  Data.prototype.postings = function (field, term) {
    var key = field + "\u0000" + term;
    if (key in this.cache) return this.cache[key];
    // Never remember a term of a shard not loaded yet as absent.
    if (!termsShard(this.termShard(term))) return [];
    var parts = this.shardOfKey(term).p;
    var fields = parts && parts[term];
    var flat = readNumbers((fields && fields[field]) || "");
    var list = [];
    var doc = 0;
    var i;
    if (!isBody(field)) {
      for (i = 0; i + 2 < flat.length; i += 3) {
        doc += flat[i];
        list.push({ doc: doc, normId: flat[i + 1], tf: flat[i + 2], segments: 0 });
      }
      this.cache[key] = list;
      return list;
    }
    var per = this.m.shards.docs;
    var complete = true;
    var shard = -1;
    var codes = null;
    for (i = 0; i + 2 < flat.length; i += 3) {
      doc += flat[i];
      if (doc >= (shard + 1) * per || shard < 0) {
        shard = Math.floor(doc / per);
        var facets = this.columns("docs", shard);
        codes = facets && facets.body;
        if (!codes) {
          complete = false;
          this.missingDocShards.add(shard);
        }
      }
      list.push({ doc: doc, normId: codes ? codes[doc - shard * per] : 0, tf: flat[i + 1], segments: flat[i + 2] });
    }
    if (complete) this.cache[key] = list;
    return list;
  };

  Data.prototype.positionShard = function (key) { return keyShard(this.positionStarts, key); };

  /** The positions of a term in a field: one list per posting, in order. */
  Data.prototype.positions = function (field, term) {
    var key = "pos\u0000" + field + "\u0000" + term;
    if (key in this.cache) return this.cache[key];
    var shard = got("pos-" + this.positionShard(term));
    if (!shard) return [];
    var fields = shard.p && shard.p[term];
    var flat = readNumbers((fields && fields[field]) || "");
    var lists = [];
    var next = 0;
    this.postings(field, term).forEach(function (posting) {
      var list = [];
      var position = 0;
      for (var k = 0; k < posting.tf; k++) {
        position += flat[next++];
        list.push(position);
      }
      lists.push(list);
    });
    this.cache[key] = lists;
    return lists;
  };

  /** The words of the corpus whose term in `lang` is `term`. */
  Data.prototype.forms = function (term, lang) {
    var forms = this.shardOfKey(term).f;
    return (forms && forms[term] && forms[term][lang]) || [];
  };

  Data.prototype.docShard = function (number) { return Math.floor(number / this.m.shards.docs); };

  /** How many words each body block of document `number` holds (`paras-K`). */
  Data.prototype.blockWords = function (number) {
    var shard = this.docShard(number);
    var key = "paras\u0000" + shard;
    if (!(key in this.cache)) {
      var all = readNumbers(got("paras-" + shard).b);
      var docs = [];
      for (var i = 0; i < all.length; i += all[i] + 1) docs.push(all.slice(i + 1, i + 1 + all[i]));
      this.cache[key] = docs;
    }
    return this.cache[key][number - shard * this.m.shards.docs];
  };
  /** The text file holding segment `segment` of document `number`. */
  Data.prototype.textFile = function (number, segment) {
    var starts = this.m.shards.text;
    return "text-" + (starts === "each" ? number + "-" + segment : shardIndex(starts, number));
  };

  /**
   * A column group of the document table (`docs` for the facets, `attrs`
   * for the rest), decoded once per shard: a list of columns, each a list
   * of values (numbers, or lists of numbers for sets).
   */
  Data.prototype.columns = function (group, shard) {
    var names = this.shardNames[group] || (this.shardNames[group] = []);
    var name = names[shard] || (names[shard] = group + "-" + shard);
    if (this.columnCache[name]) return this.columnCache[name];
    var encoded = got(name);
    if (!encoded || typeof encoded === "string") return null;
    var per = this.m.shards.docs;
    var count = Math.min(per, this.m.docs - shard * per);
    var decoded = Object.create(null);
    Object.keys(encoded).forEach(function (column) { decoded[column] = decodeColumn(encoded[column], count); });
    this.columnCache[name] = decoded;
    return decoded;
  };

  /**
   * What filters, facets and sorting need of a document (see `labels`):
   * the facets, and the other attributes once their shard is loaded.
   */
  Data.prototype.doc = function (number) {
    if (this.docCache[number]) return this.docCache[number];
    var shard = this.docShard(number);
    var attrs = this.columns("attrs", shard);
    var cache = attrs ? this.docCache : this.facetCache;
    if (cache[number]) return cache[number];
    var facets = this.columns("docs", shard);
    var at = number - shard * this.m.shards.docs;
    var labels = this.m.labels;
    var kind = labels.kinds[facets.kind[at]];
    var doc = {
      kind: kind[0],
      kind_label: kind[1],
      year: labels.years[facets.year[at]],
      countries: facets.country[at].map(function (c) { return labels.countries[c][0]; }),
      country_names: facets.country[at].map(function (c) { return labels.countries[c][1]; }),
      grounds: facets.grounds[at].map(function (g) { return labels.grounds[g]; }),
      crimes: facets.crimes[at].map(function (c) { return labels.crimes[c]; }),
      cited: facets.cited[at]
    };
    if (attrs) {
      doc.date = attrs.date[at];
      doc.lang = labels.langs[attrs.lang[at]];
      doc.court = attrs.court[at] > 0 ? labels.courts[attrs.court[at] - 1] : null;
      doc.issuer = attrs.issuer[at] > 0 ? labels.courts[attrs.issuer[at] - 1] : null;
      doc.relations = attrs.relation[at].map(function (r) { return labels.relations[r]; });
    }
    cache[number] = doc;
    return doc;
  };

  /** The documents named exactly by these words (title, short title, case number). */
  Data.prototype.named = function (key) {
    var names = this.shardOfKey(key).n;
    return (names && names[key]) || [];
  };

  /**
   * What a result shows, with the blocks of one segment of its body and
   * the position of that segment's first word (`offset`).
   */
  Data.prototype.text = function (number, segment) {
    var name = this.textFile(number, segment);
    if (this.m.shards.text === "each") return got(name)[0];
    var whole = got(name)[number - this.m.shards.text[shardIndex(this.m.shards.text, number)]];
    var starts = [[0, 0]].concat(whole.segments || []);
    var at = Math.min(segment, starts.length - 1);
    var end = at + 1 < starts.length ? starts[at + 1][0] : whole.blocks.length;
    return Object.assign({}, whole, { blocks: whole.blocks.slice(starts[at][0], end), offset: starts[at][1] });
  };

  /**
   * src/search/engine.rs `suggestions`: the words of the word's shard
   * within reach (src/search/suggest.rs), the nearest first, then those
   * more documents hold, then in order.
   */
  Data.prototype.similarWords = function (word) {
    var data = this;
    var found = withinReach(word, Object.keys(this.shardOfKey(word).w)).map(function (dw) {
      return [dw[0], documentsHolding(data, dw[1]), dw[1]];
    });
    found.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1] || compare(a[2], b[2]); });
    return found.slice(0, this.m.params.suggestions).map(function (f) { return f[2]; });
  };

  /** src/search/suggest.rs `allowed_edits`. */
  function allowedEdits(length) {
    return length <= 4 ? 1 : length <= 7 ? 2 : 3;
  }

  /** src/search/suggest.rs `within_reach`: [[distance, candidate], …]. */
  function withinReach(word, candidates) {
    var length = Array.from(word).length;
    var allowed = allowedEdits(length);
    var found = [];
    candidates.forEach(function (candidate) {
      if (Math.abs(Array.from(candidate).length - length) > allowed) return;
      var distance = editDistance(word, candidate);
      if (distance > 0 && distance <= allowed) found.push([distance, candidate]);
    });
    return found;
  }

  /** How many documents hold a word's terms in any field. */
  function documentsHolding(data, word) {
    var docs = new Set();
    wordFields(data, word).forEach(function (ft) {
      data.postings(ft[0], ft[1]).forEach(function (posting) { docs.add(posting.doc); });
    });
    return docs.size;
  }

  function shardIndex(starts, number) {
    var i = 0;
    while (i + 1 < starts.length && starts[i + 1] <= number) i++;
    return i;
  }

  /** Optimal string alignment distance (Damerau-Levenshtein without gaps). */
  function editDistance(a, b) {
    a = Array.from(a);
    b = Array.from(b);
    var d = [];
    for (var i = 0; i <= a.length; i++) { d.push([i]); }
    for (var j = 1; j <= b.length; j++) d[0][j] = j;
    for (i = 1; i <= a.length; i++) {
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length][b.length];
  }

  // ---------------------------------------------------------------------
  // Matching and ranking: src/search/engine.rs.

  function fieldName(part, lang) { return part + "." + lang; }

  function isBody(field) { return field.indexOf("body.") === 0; }

  /** src/search/engine.rs `prior`: what an entry's type and citations weigh. */
  function prior(data, kind, citedClass) {
    var weights = data.m.params.typeWeights;
    var weight = Object.prototype.hasOwnProperty.call(weights, kind) ? weights[kind] : 1;
    return weight * (1 + data.m.params.citedWeight * citedClass);
  }

  function boostOf(data, field) {
    var boosts = data.m.params.boosts;
    return field === "meta" ? boosts.meta : boosts[field.split(".")[0]];
  }

  function bm25(data, stats, docFreq, termFreq, normId) {
    var docs = stats.docs;
    var idf = Math.log(1 + (docs - docFreq + 0.5) / (docFreq + 0.5));
    return idf * tfPart(data, stats, termFreq, normId);
  }

  function tfPart(data, stats, termFreq, normId) {
    var k1 = data.m.params.k1;
    var b = data.m.params.b;
    var tf = termFreq;
    var norm = data.m.norms[normId];
    return tf * (k1 + 1) / (tf + k1 * (1 - b + b * norm / stats.averageNorm));
  }

  /**
   * A document's match: its score, the segments its terms stand in, and
   * (for the few results whose texts are read) where they stand, by field.
   * Made for every matching document, so the map is made only when needed.
   */
  function newMatch() { return { score: 0, positions: null, segments: 0 }; }

  var NO_POSITIONS = new Map();

  function positionsOf(match) { return match.positions || NO_POSITIONS; }

  function addPositions(match, field, positions) {
    if (!match.positions) match.positions = new Map();
    var set = match.positions.get(field);
    if (!set) { set = new Set(); match.positions.set(field, set); }
    positions.forEach(function (p) { set.add(p); });
  }

  function mergePositions(into, from) {
    positionsOf(from).forEach(function (set, field) { addPositions(into, field, set); });
  }

  function slot(matches, doc) {
    var found = matches.get(doc);
    if (!found) { found = newMatch(); matches.set(doc, found); }
    return found;
  }

  function expand(data, text, prefix) {
    var p = data.m.params;
    var exact = data.knows(text);
    if (exact && !prefix) return [text];
    if (!prefix && Array.from(text).length < p.autoPrefixMinChars) return [];
    var found = data.wordsWithPrefix(text, p.prefixLimit);
    if (exact && found.indexOf(text) < 0) found.unshift(text);
    return found;
  }

  function wordFields(data, word) {
    var fields = [];
    data.wordTerms(word).forEach(function (lt) {
      data.parts.forEach(function (part) { fields.push([fieldName(part, lt[0]), lt[1]]); });
    });
    fields.push(["meta", word]);
    return fields;
  }

  /**
   * A document scores as its best-scoring word. Where the words stand is
   * found later in the texts of the first results: `forms` lists, per
   * language, the words of the corpus that count as these words.
   */
  function matchWords(data, list) {
    var result = new Map();
    result.forms = Object.create(null);
    list.forEach(function (word) {
      data.wordTerms(word).forEach(function (lt) {
        var forms = result.forms[lt[0]] || (result.forms[lt[0]] = new Set());
        data.forms(lt[1], lt[0]).forEach(function (form) { forms.add(form); });
      });
      // The word's score and segments of each document, summed over its
      // fields, by document number (`touched` in the order first met).
      var scores = new Float64Array(data.m.docs);
      var segments = new Uint32Array(data.m.docs);
      var seen = new Uint8Array(data.m.docs);
      var touched = [];
      wordFields(data, word).forEach(function (ft) {
        var field = ft[0];
        var stats = data.stats(field);
        if (!stats) return;
        var postings = data.postings(field, ft[1]);
        var boost = boostOf(data, field);
        for (var i = 0; i < postings.length; i++) {
          var posting = postings[i];
          var doc = posting.doc;
          if (!seen[doc]) { seen[doc] = 1; touched.push(doc); }
          scores[doc] += boost * bm25(data, stats, postings.length, posting.tf, posting.normId);
          segments[doc] |= posting.segments;
        }
      });
      touched.forEach(function (doc) {
        var s = result.get(doc);
        if (!s) {
          result.set(doc, { score: scores[doc] > 0 ? scores[doc] : 0, positions: null, segments: segments[doc] });
          return;
        }
        s.segments |= segments[doc];
        if (scores[doc] > s.score) s.score = scores[doc];
      });
    });
    return result;
  }

  function binarySearchDoc(list, doc) {
    var lo = 0;
    var hi = list.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid].doc === doc) return mid;
      if (list[mid].doc < doc) lo = mid + 1; else hi = mid - 1;
    }
    return -1;
  }

  function matchPhrase(data, phrase) {
    var perField = [];
    var terms = phrase.map(function (w) { return data.wordTerms(w); });
    data.langs.forEach(function (lang) {
      var stems = [];
      for (var i = 0; i < terms.length; i++) {
        var found = terms[i].filter(function (lt) { return lt[0] === lang; })[0];
        if (!found) return;
        stems.push(found[1]);
      }
      data.parts.forEach(function (part) { perField.push([fieldName(part, lang), stems]); });
    });
    perField.push(["meta", phrase.slice()]);
    var result = new Map();
    perField.forEach(function (ft) {
      var field = ft[0];
      var stats = data.stats(field);
      if (!stats) return;
      var postings = ft[1].map(function (t) { return data.postings(field, t); });
      if (postings.some(function (p) { return p.length === 0; })) return;
      var positions = ft[1].map(function (t) { return data.positions(field, t); });
      var idf = 0;
      postings.forEach(function (p) {
        var docs = stats.docs;
        var df = p.length;
        idf += Math.log(1 + (docs - df + 0.5) / (df + 0.5));
      });
      postings[0].forEach(function (first, index) {
        var others = [];
        var segments = first.segments;
        for (var i = 1; i < postings.length; i++) {
          var other = binarySearchDoc(postings[i], first.doc);
          if (other < 0) return;
          others.push(positions[i][other]);
          segments &= postings[i][other].segments;
        }
        var starts = positions[0][index].filter(function (start) {
          return others.every(function (list, i) { return list.indexOf(start + i + 1) >= 0; });
        });
        if (starts.length === 0) return;
        var s = slot(result, first.doc);
        s.score += boostOf(data, field) * idf * tfPart(data, stats, starts.length, first.normId);
        if (isBody(field)) s.segments |= segments;
        var covered = [];
        starts.forEach(function (start) {
          for (var k = 0; k < phrase.length; k++) covered.push(start + k);
        });
        addPositions(s, field, covered);
      });
    });
    return result;
  }

  function matchUnit(data, unit, notices) {
    if (unit.phrase) {
      var missing = unit.phrase.filter(function (w) { return !data.knows(w); })[0];
      if (missing !== undefined) {
        notices.push({ kind: "unknown", text: describeUnit(unit), suggestions: data.similarWords(missing) });
        return null;
      }
      return matchPhrase(data, unit.phrase);
    }
    var list = expand(data, unit.word, unit.prefix);
    if (list.length === 0) {
      notices.push({ kind: "unknown", text: describeUnit(unit), suggestions: data.similarWords(unit.word) });
      return null;
    }
    if (list.length > 1 || list[0] !== unit.word) {
      notices.push({ kind: "expanded", text: describeUnit(unit), words: list.slice() });
    }
    return matchWords(data, list);
  }

  /** Matches of any unit; `forms` gathers those of the units' words. */
  function matchClause(data, clause, notices) {
    // A word's matches are made for the clause alone: nothing to merge.
    if (clause.length === 1 && !clause[0].phrase) return matchUnit(data, clause[0], notices);
    var result = null;
    clause.forEach(function (unit) {
      var found = matchUnit(data, unit, notices);
      if (!found) return;
      if (!result) {
        result = new Map();
        result.forms = Object.create(null);
      }
      Object.keys(found.forms || {}).forEach(function (lang) {
        var forms = result.forms[lang] || (result.forms[lang] = new Set());
        found.forms[lang].forEach(function (form) { forms.add(form); });
      });
      found.forEach(function (match, doc) {
        var s = slot(result, doc);
        s.score += match.score;
        s.segments |= match.segments;
        mergePositions(s, match);
      });
    });
    return result;
  }

  /**
   * src/search/engine.rs `keep_near`: keeps, in both clauses of a `w/N`,
   * the documents where they stand within N words in one text field.
   * Word positions come from the positions shards (`positionShards` loads
   * those of the clauses a `w/N` ties).
   */
  function keepNear(data, query, clauses, near) {
    var left = clauses[near.left];
    var right = clauses[near.right];
    if (!left || !right) return;
    var both = new Set();
    left.forEach(function (match, doc) { if (right.has(doc)) both.add(doc); });
    var mine = clauseFieldPositions(data, query.clauses[near.left], left, both);
    var theirs = clauseFieldPositions(data, query.clauses[near.right], right, both);
    var close = new Set();
    both.forEach(function (doc) {
      var ok = near.paragraph ? shareAParagraph(data, doc, mine.get(doc), theirs.get(doc))
        : standWithin(mine.get(doc), theirs.get(doc), near.within);
      if (ok) close.add(doc);
    });
    [left, right].forEach(function (matches) {
      Array.from(matches.keys()).forEach(function (doc) { if (!close.has(doc)) matches.delete(doc); });
    });
  }

  /**
   * Where a clause's units stand in each document it matched, per field:
   * a phrase's covered positions (kept in its match), every word's from
   * the positions shards, as the Rust engine reads them from the postings.
   * A field holds the lists (or sets) of positions of its units, as they
   * are, never to be changed: `allPositions` puts them together. Only the
   * documents of `wanted` (some of `matches`) are looked at.
   */
  function clauseFieldPositions(data, units, matches, wanted) {
    var found = new Map();
    function add(doc, field, positions) {
      var fields = found.get(doc);
      if (!fields) { fields = new Map(); found.set(doc, fields); }
      var lists = fields.get(field);
      if (!lists) { lists = []; fields.set(field, lists); }
      lists.push(positions);
    }
    wanted.forEach(function (doc) {
      positionsOf(matches.get(doc)).forEach(function (set, field) { add(doc, field, set); });
    });
    units.forEach(function (unit) {
      if (unit.phrase) return;
      expand(data, unit.word, unit.prefix).forEach(function (word) {
        wordFields(data, word).forEach(function (ft) {
          var positions = data.positions(ft[0], ft[1]);
          data.postings(ft[0], ft[1]).forEach(function (posting, i) {
            if (wanted.has(posting.doc)) add(posting.doc, ft[0], positions[i] || []);
          });
        });
      });
    });
    return found;
  }

  /** The positions of lists (or sets) of positions, in order. */
  function allPositions(lists) {
    var count = 0;
    lists.forEach(function (list) { count += list.size === undefined ? list.length : list.size; });
    var all = new Uint32Array(count);
    var at = 0;
    lists.forEach(function (list) { list.forEach(function (p) { all[at++] = p; }); });
    return all.sort();
  }

  function standWithin(a, b, within) {
    if (!a || !b) return false;
    var close = false;
    a.forEach(function (mine, field) {
      if (close || field === "meta" || !b.has(field)) return;
      close = nearest(allPositions(mine), allPositions(b.get(field))) <= within;
    });
    return close;
  }

  /**
   * src/search/engine.rs `share_a_paragraph`: both in one block of the
   * body (from `paras-K`), or both in the title, or both in the summary.
   */
  function shareAParagraph(data, doc, a, b) {
    if (!a || !b) return false;
    var found = false;
    a.forEach(function (mine, field) {
      if (found || field === "meta" || !b.has(field)) return;
      if (!isBody(field)) {
        found = true;
        return;
      }
      var counts = data.blockWords(doc);
      found = shareAny(blocksOf(counts, allPositions(mine)), blocksOf(counts, allPositions(b.get(field))));
    });
    return found;
  }

  /**
   * The body block holding each of `positions` (in order), as
   * `IndexDoc::block_of` finds it, in one walk over the blocks.
   */
  function blocksOf(counts, positions) {
    var blocks = new Uint32Array(positions.length);
    var block = 0;
    var end = counts.length > 0 ? counts[0] : 0;
    for (var i = 0; i < positions.length; i++) {
      while (block < counts.length && positions[i] >= end) {
        block++;
        if (block < counts.length) end += counts[block];
      }
      blocks[i] = block;
    }
    return blocks;
  }

  /** Whether two lists in order have a number in common. */
  function shareAny(x, y) {
    var i = 0;
    var j = 0;
    while (i < x.length && j < y.length) {
      if (x[i] === y[j]) return true;
      if (x[i] < y[j]) i++;
      else j++;
    }
    return false;
  }

  /** The `paras-K` shards a `/p` needs: those of the documents both its clauses match. */
  function paragraphShards(data, query, clauses) {
    var names = [];
    query.near.forEach(function (near) {
      var left = clauses[near.left];
      var right = clauses[near.right];
      if (!near.paragraph || !left || !right) return;
      left.forEach(function (match, doc) { if (right.has(doc)) names.push("paras-" + data.docShard(doc)); });
    });
    return names;
  }

  /** The smallest distance between a position of `x` and one of `y`, both in order. */
  function nearest(x, y) {
    var i = 0;
    var j = 0;
    var best = Infinity;
    while (i < x.length && j < y.length) {
      best = Math.min(best, Math.abs(x[i] - y[j]));
      if (x[i] < y[j]) i++;
      else j++;
    }
    return best;
  }

  /**
   * The documents every clause matches, each with its summed score; all
   * documents (score 0) for a query of filters only.
   */
  function combine(data, clauses, noFilters) {
    if (clauses.length === 0) {
      if (noFilters) return null;
      var all = new Map();
      for (var d = 0; d < data.m.docs; d++) all.set(d, 0);
      return all;
    }
    var combined = null;
    for (var i = 0; i < clauses.length; i++) {
      var clause = clauses[i];
      if (!clause) return null;
      if (combined === null) {
        combined = new Map();
        clause.forEach(function (match, doc) { combined.set(doc, match.score); });
      } else {
        var next = new Map();
        combined.forEach(function (score, doc) {
          var other = clause.get(doc);
          if (!other) return;
          next.set(doc, score + other.score);
        });
        combined = next;
      }
    }
    return combined;
  }

  function smallestWindow(lists) {
    var all = [];
    lists.forEach(function (list, i) { list.forEach(function (p) { all.push([p, i]); }); });
    all.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var counts = lists.map(function () { return 0; });
    var covered = 0;
    var best = null;
    var left = 0;
    for (var right = 0; right < all.length; right++) {
      var list = all[right][1];
      counts[list]++;
      if (counts[list] === 1) covered++;
      while (covered === lists.length) {
        var span = all[right][0] - all[left][0];
        best = best === null ? span : Math.min(best, span);
        var leaving = all[left][1];
        counts[leaving]--;
        if (counts[leaving] === 0) covered--;
        left++;
      }
    }
    return best;
  }

  function langOf(data, lang) {
    var primary = String(lang).split(/[-_]/)[0].toLowerCase();
    return data.langs.indexOf(primary) >= 0 && primary !== "any" ? primary : "any";
  }

  /**
   * src/search/engine.rs `chosen_segment`: the segment of a result's body
   * its snippet and proximity are read from, where the most clauses have a
   * matched term (the first of those), else the first.
   */
  function chosenSegment(clauses, number) {
    var best = 0;
    var most = 0;
    for (var s = 0; s < 32; s++) {
      var count = 0;
      clauses.forEach(function (clause) {
        var found = clause && clause.get(number);
        if (found && (found.segments >>> s) & 1) count++;
      });
      if (count > most) { most = count; best = s; }
    }
    return best;
  }

  /**
   * Where each clause's words stand in a document, per field, read from its
   * text (title, summary, one segment of the body): the positions of the
   * words of `forms`, with those of the phrases matched. The same positions
   * tantivy holds, since both sides split and normalise words alike.
   */
  function clausePositions(data, text, clauses, number) {
    var lang = langOf(data, text.lang);
    var first = text.offset || 0;
    var body = bodyWords(text.blocks, first);
    var bodyField = fieldName("body", lang);
    var end = first + body.length;
    var fieldWords = [
      [fieldName("title", lang), words(text.title)],
      [fieldName("summary", lang), text.summary !== undefined ? words(text.summary) : []],
      [bodyField, body]
    ];
    return clauses.map(function (clause) {
      var found = newMatch();
      var forms = clause.forms[lang];
      if (forms) {
        fieldWords.forEach(function (fw) {
          var positions = [];
          fw[1].forEach(function (w) { if (forms.has(w.text)) positions.push(w.position); });
          if (positions.length > 0) addPositions(found, fw[0], positions);
        });
      }
      positionsOf(clause.get(number)).forEach(function (set, field) {
        var kept = Array.from(set).filter(function (p) { return field !== bodyField || (p >= first && p < end); });
        if (kept.length > 0) addPositions(found, field, kept);
      });
      return found;
    });
  }

  /**
   * The words of body blocks, numbered on from block to block from
   * `offset`; shared, never to be changed (kept with the blocks, which a
   * query showing them again reads again).
   */
  function bodyWords(blocks, offset) {
    var known = bodyWordsOf.get(blocks);
    if (known && known.offset === offset) return known.words;
    var all = [];
    blocks.forEach(function (block) {
      var start = offset + all.length;
      words(block[1]).forEach(function (w) { all.push({ text: w.text, position: start + w.position }); });
    });
    bodyWordsOf.set(blocks, { offset: offset, words: all });
    return all;
  }
  var bodyWordsOf = new WeakMap();

  /** src/search/engine.rs `proximity_bonus`, over `clausePositions`. */
  function proximityBonus(data, text, perClause) {
    if (perClause.length < 2) return 0;
    var p = data.m.params;
    var lang = langOf(data, text.lang);
    var best = 0;
    ["title", "body"].forEach(function (part) {
      var field = fieldName(part, lang);
      var lists = [];
      for (var i = 0; i < perClause.length; i++) {
        var set = positionsOf(perClause[i]).get(field);
        if (!set) return;
        lists.push(Array.from(set));
      }
      var span = smallestWindow(lists);
      if (span === null) return;
      var needed = lists.length - 1;
      if (span <= p.proximityWindow) {
        var bonus = p.proximityWeight * needed / Math.max(span, needed);
        best = Math.max(best, bonus);
      }
    });
    return best;
  }

  /** The query's words joined by spaces, when it could name an entry exactly. */
  function nameKey(query) {
    if (query.clauses.length === 0 || query.clauses.some(function (c) { return c.length !== 1; })) return null;
    var list = [];
    query.clauses.forEach(function (clause) {
      var unit = clause[0];
      if (unit.phrase) list = list.concat(unit.phrase); else list.push(unit.word);
    });
    return list.join(" ");
  }

  /** The documents a query names exactly (see `n`), which rank first. */
  function namedBy(data, query) {
    var key = nameKey(query);
    return new Set(key === null ? [] : data.named(key));
  }

  // ---------------------------------------------------------------------
  // Filters and facets: src/search/facets.rs.

  function yearRange(text) {
    function year(t) { return /^\d{4}$/.test(t) ? parseInt(t, 10) : null; }
    var at = text.indexOf("..");
    if (at < 0) { var y = year(text); return y === null ? null : [y, y]; }
    var from = text.slice(0, at);
    var to = text.slice(at + 2);
    if (from === "" && to === "") return null;
    var a = from === "" ? -Infinity : year(from);
    var b = to === "" ? Infinity : year(to);
    return a === null || b === null ? null : [a, b];
  }

  function readFilters(filters, notices) {
    var ready = [];
    filters.forEach(function (filter) {
      var test;
      if (filter.field === "year") {
        var range = yearRange(filter.value);
        if (!range) {
          notices.push({ kind: "bad_filter", text: "year:" + filter.value, reason: "write a year (2021) or a range (2020..2024, 2020.., ..2019)" });
          return;
        }
        test = { years: range };
      } else {
        test = { words: wordTexts(filter.value) };
        if (test.words.length === 0) {
          notices.push({ kind: "bad_filter", text: filter.field + ":" + filter.value, reason: "the value has no letters or digits" });
          return;
        }
      }
      ready.push({ field: filter.field, test: test, negated: filter.negated });
    });
    return ready;
  }

  /**
   * src/search/facets.rs `report_unknown_values`: each positive filter
   * whose value no entry has, with the nearest values written as filters.
   */
  function reportUnknownValues(data, filters, notices) {
    filters.forEach(function (filter) {
      if (filter.negated || filter.field === "year") return;
      var words = wordTexts(filter.value);
      if (words.length === 0) return;
      var values = filterValues(data, filter.field);
      if (values.some(function (value) { return valueMatches(filter.field, value, words); })) return;
      notices.push({
        kind: "unknown_value",
        text: filter.field + ":" + filter.value,
        suggestions: nearestValues(data, filter.field, words, values).map(function (v) { return filter.field + ":" + v.written; })
      });
    });
  }

  function filterValues(data, field) {
    var labels = data.m.labels;
    function value(written, matched) { return { written: written, matched: matched }; }
    function one(v) { return value(v, [v]); }
    switch (field) {
      case "type": return labels.kinds.map(function (k) { return value(k[0], [k[0], plural(k[0]), k[1]]); });
      case "country": return labels.countries.map(function (c) { return value(c[0].toLowerCase(), [c[0], c[1]]); });
      case "grounds": return labels.grounds.map(one);
      case "crimes": return labels.crimes.map(one);
      case "court": return labels.courts.map(one);
      case "lang": return labels.langs.map(function (l) { return value(l, [l, langOf(data, l)]); });
      case "relation": return labels.relations.map(one);
      default: return [];
    }
  }

  function valueMatches(field, value, words) {
    return value.matched.some(function (text) {
      var texts = wordTexts(text);
      return field === "court" ? containsRun(texts, words) : sameList(texts, words);
    });
  }

  /** src/search/facets.rs `TYPE_WORDS`. */
  var TYPE_WORDS = [
    ["case", ["judgment", "judgement", "decision", "ruling", "verdict", "sentence", "appeal", "order"]],
    ["instrument", ["treaty", "statute", "convention", "law", "legislation", "resolution"]],
    ["policy", ["paper", "strategy"]],
    ["principle", ["guidelines", "guideline", "standards"]],
    ["recommendation", ["submission", "letter", "call"]],
    ["report", ["study", "findings", "toolkit"]]
  ];
  var LISTED_VALUES = 12;

  function nearestValues(data, field, words, values) {
    var typed = words.join("-");
    var all = [];
    values.forEach(function (v) { all = all.concat(v.matched); });
    var near = withinReach(typed, all);
    var ranked = [];
    values.forEach(function (value, index) {
      var best = null;
      near.forEach(function (dt) {
        if (value.matched.indexOf(dt[1]) >= 0 && (best === null || dt[0] < best)) best = dt[0];
      });
      if (best !== null) ranked.push([best, index]);
    });
    ranked.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    if (ranked.length) return ranked.slice(0, data.m.params.suggestions).map(function (r) { return values[r[1]]; });
    if (field === "type") {
      var meant = TYPE_WORDS.filter(function (tw) { return tw[1].indexOf(typed) >= 0; })[0];
      var found = meant && values.filter(function (v) { return v.written === meant[0]; })[0];
      if (found) return [found];
    }
    return values.length <= LISTED_VALUES ? values : [];
  }

  function plural(kind) {
    return /y$/.test(kind) ? kind.slice(0, -1) + "ies" : kind + "s";
  }

  function containsRun(haystack, needle) {
    if (needle.length === 0) return false;
    for (var i = 0; i + needle.length <= haystack.length; i++) {
      if (sameList(haystack.slice(i, i + needle.length), needle)) return true;
    }
    return false;
  }

  /**
   * Whether a filter's words are the words of `value`. Every match of a
   * query is tested, most with the same few values: each value's answer
   * is kept with the filter, for the query.
   */
  function isValue(test, value) {
    var tested = test.tested || (test.tested = new Map());
    var known = tested.get(value);
    if (known === undefined) {
      known = sameList(wordTexts(value), test.words);
      tested.set(value, known);
    }
    return known;
  }

  function anyValue(test, values) {
    for (var i = 0; i < values.length; i++) if (isValue(test, values[i])) return true;
    return false;
  }

  function inName(test, name) { return Boolean(name) && containsRun(wordTexts(name), test.words); }

  function testDoc(data, doc, field, test) {
    if (test.years) return doc.year >= test.years[0] && doc.year <= test.years[1];
    switch (field) {
      case "type": return isValue(test, doc.kind) || isValue(test, doc.kind_label) || isValue(test, plural(doc.kind));
      case "country": return anyValue(test, doc.countries) || anyValue(test, doc.country_names);
      case "court": return inName(test, doc.court) || inName(test, doc.issuer);
      case "grounds": return anyValue(test, doc.grounds);
      case "crimes": return anyValue(test, doc.crimes);
      case "lang": return isValue(test, doc.lang) || isValue(test, langOf(data, doc.lang));
      case "relation": return anyValue(test, doc.relations);
      default: return false;
    }
  }

  /**
   * Whether a document passes the filters: none of the negated ones, and
   * of the others at least one per field (`ignored`'s left out, for its
   * own facet's counts).
   */
  function accept(data, filters, doc, ignored) {
    for (var i = 0; i < filters.length; i++) {
      var filter = filters[i];
      if (filter.negated) {
        if (testDoc(data, doc, filter.field, filter.test)) return false;
        continue;
      }
      if (filter.field === ignored || testDoc(data, doc, filter.field, filter.test)) continue;
      var another = false;
      for (var j = 0; j < filters.length && !another; j++) {
        var other = filters[j];
        another = j !== i && !other.negated && other.field === filter.field && testDoc(data, doc, other.field, other.test);
      }
      if (!another) return false;
    }
    return true;
  }

  function selects(filters, field, value) {
    return filters.some(function (f) {
      if (f.field !== field || f.negated) return false;
      if (f.test.years) { var y = parseInt(value, 10); return y >= f.test.years[0] && y <= f.test.years[1]; }
      return sameList(f.test.words, wordTexts(value));
    });
  }

  var humanised = new Map();

  function humanise(slug) {
    var label = humanised.get(slug);
    if (label === undefined) {
      var spaced = slug.replace(/-/g, " ");
      label = spaced.charAt(0).toUpperCase() + spaced.slice(1);
      humanised.set(slug, label);
    }
    return label;
  }

  /** The document table's column of each facet. */
  var FACET_COLUMNS = { type: "kind", country: "country", year: "year", grounds: "grounds", crimes: "crimes" };
  /** The labels of each facet's codes (`manifest.labels`). */
  var FACET_LABELS = { type: "kinds", country: "countries", year: "years", grounds: "grounds", crimes: "crimes" };

  /** A facet's value of a column's code: [value, label]. */
  function facetValue(labels, field, code) {
    switch (field) {
      case "type": return labels.kinds[code];
      case "country": return labels.countries[code];
      case "year": return [String(labels.years[code]), String(labels.years[code])];
      case "grounds": return [labels.grounds[code], humanise(labels.grounds[code])];
      default: return [labels.crimes[code], humanise(labels.crimes[code])];
    }
  }

  /**
   * The facets of the matches (`base`, by number; `docs`, their rows of
   * the document table), counted on the table's codes: a query can match
   * every document.
   */
  function countFacets(data, base, docs, filters) {
    var fields = data.m.params.facets;
    var labels = data.m.labels;
    var per = data.m.shards.docs;
    var counted = fields.filter(function (field) { return field in FACET_COLUMNS; });
    var tallies = counted.map(function (field) { return new Uint32Array(labels[FACET_LABELS[field]].length); });
    var shard = -1;
    var columns = null;
    for (var d = 0; d < base.length; d++) {
      if (Math.floor(base[d] / per) !== shard) {
        shard = Math.floor(base[d] / per);
        var table = data.columns("docs", shard);
        columns = counted.map(function (field) { return table[FACET_COLUMNS[field]]; });
      }
      var at = base[d] - shard * per;
      for (var f = 0; f < counted.length; f++) {
        if (filters.length > 0 && !accept(data, filters, docs[d], counted[f])) continue;
        var tally = tallies[f];
        var codes = columns[f][at];
        if (typeof codes === "number") {
          tally[codes]++;
        } else {
          for (var c = 0; c < codes.length; c++) tally[codes[c]]++;
        }
      }
    }
    var countsOf = fields.map(function (field) {
      var counts = new Map();
      var f = counted.indexOf(field);
      if (f < 0) return counts;
      tallies[f].forEach(function (count, code) {
        if (count === 0) return;
        var value = facetValue(labels, field, code);
        counts.set(value[0], { label: value[1], count: count });
      });
      return counts;
    });
    return fields.map(function (field, f) {
      var counts = countsOf[f];
      var values = Array.from(counts.keys()).sort(compare).map(function (value) {
        var entry = counts.get(value);
        return { value: value, label: entry.label, count: entry.count, selected: selects(filters, field, value) };
      });
      values.sort(function (a, b) {
        // Years read as a timeline, newest first; other values by count.
        if (field === "year") return compare(b.value, a.value);
        return b.count - a.count || compare(a.value, b.value);
      });
      return { field: field, values: values };
    });
  }

  // ---------------------------------------------------------------------
  // Snippets: src/search/snippet.rs.

  /** `clause_bits`: 2^30 for the rarest clause, 2^29 for the next, … */
  function clauseBits(documents) {
    var order = documents.map(function (d, i) { return i; });
    order.sort(function (a, b) { return documents[a] - documents[b] || a - b; });
    var bits = documents.map(function () { return 0; });
    order.forEach(function (clause, rank) { bits[clause] = rank <= 30 ? Math.pow(2, 30 - rank) : 0; });
    return bits;
  }

  /** `shown`: [clauses, sum of their bits, matched words] in from..to. */
  function shown(marks, field, from, to, union) {
    var result = [0, 0, 0];
    union.forEach(function (p) { if (p >= from && p < to) result[2]++; });
    marks.forEach(function (mark) {
      var positions = positionsOf(mark.match).get(field);
      var present = false;
      if (positions) positions.forEach(function (p) { if (p >= from && p < to) present = true; });
      if (present) { result[0]++; result[1] += mark.bit; }
    });
    return result;
  }

  function shownBetter(a, b) {
    return a[0] !== b[0] ? a[0] > b[0] : a[1] !== b[1] ? a[1] > b[1] : a[2] > b[2];
  }

  function unionOf(marks, field) {
    var union = new Set();
    marks.forEach(function (mark) {
      var positions = positionsOf(mark.match).get(field);
      if (positions) positions.forEach(function (p) { union.add(p); });
    });
    return union;
  }

  function bestBlock(blocks, offset, marks, field, matched) {
    if (matched.size === 0) return null;
    var best = null;
    blocks.forEach(function (block, index) {
      var length = words(block[1]).length;
      var found = shown(marks, field, offset, offset + length, matched);
      if (found[2] > 0 && (best === null || shownBetter(found, best.shown))) {
        best = { shown: found, index: index, offset: offset };
      }
      offset += length;
    });
    return best;
  }

  function cut(data, text, offset, marks, field, matched) {
    var p = data.m.params;
    var found = words(text);
    function isMatch(i) { return matched.has(offset + i); }
    var start = 0;
    var best = null;
    for (var f = 0; f < found.length; f++) {
      if (!isMatch(f)) continue;
      var from = Math.max(0, f - p.leadWords);
      var window = shown(marks, field, offset + from, offset + from + p.snippetWords, matched);
      if (best === null || shownBetter(window, best)) { start = from; best = window; }
    }
    var end = Math.min(start + p.snippetWords, found.length);
    var to = end === found.length ? text.length : found[end - 1].end;
    var segments = [];
    var plain = start > 0 ? "\u2026 " : "";
    var cursor = start === 0 ? 0 : found[start].start;
    for (var i = start; i < end; i++) {
      if (!isMatch(i)) continue;
      var between = text.slice(cursor, found[i].start);
      var last = segments[segments.length - 1];
      if (plain === "" && last && last.mark && between.trim() === "") {
        last.text += between + text.slice(found[i].start, found[i].end);
      } else {
        plain += between;
        if (plain !== "") { segments.push({ text: plain, mark: false }); plain = ""; }
        segments.push({ text: text.slice(found[i].start, found[i].end), mark: true });
      }
      cursor = found[i].end;
    }
    plain += text.slice(cursor, to);
    if (end < found.length) plain += " \u2026";
    if (plain !== "") segments.push({ text: plain, mark: false });
    return segments;
  }

  /** `make`: marks are [{match, bit}], one per clause. */
  function makeSnippet(data, text, marks) {
    var lang = langOf(data, text.lang);
    var bodyField = fieldName("body", lang);
    var body = unionOf(marks, bodyField);
    var best = bestBlock(text.blocks, text.offset || 0, marks, bodyField, body);
    if (best) {
      var block = text.blocks[best.index];
      var anchor = block[2] || (block[0] ? "p" + block[0] : null);
      return { paragraph: block[0] || null, anchor: anchor, segments: cut(data, block[1], best.offset, marks, bodyField, body) };
    }
    var summaryField = fieldName("summary", lang);
    var hasSummary = text.summary !== undefined;
    var shownText = hasSummary ? text.summary : (text.blocks[0] ? text.blocks[0][1] : "");
    var marked = hasSummary ? unionOf(marks, summaryField) : new Set();
    return { paragraph: null, anchor: null, segments: cut(data, shownText, 0, marks, hasSummary ? summaryField : bodyField, marked) };
  }

  // ---------------------------------------------------------------------
  // A whole search.

  function unitsOf(query) {
    var units = [];
    query.clauses.forEach(function (c) { units = units.concat(c); });
    return units.concat(query.excluded);
  }

  /** The terms shards the query's words are in, if the corpus has them. */
  function wordShards(data, query) {
    var names = [];
    unitsOf(query).forEach(function (unit) {
      // A word the corpus lacks is found by its stems: their shards come
      // in the same round (stemming needs no index).
      (unit.phrase || [unit.word]).forEach(function (w) {
        names.push("terms-" + data.termShard(w));
        data.stems(w).forEach(function (lt) { names.push("terms-" + data.termShard(lt[1])); });
      });
    });
    var key = nameKey(query);
    if (key !== null) names.push("terms-" + data.termShard(key));
    return names;
  }

  /**
   * The further terms shards that words starting with a prefix can be in:
   * for prefixes (`persec*`, the word being typed), known from the
   * manifest alone, and, once the words' shards are loaded, for words the
   * corpus does not have, which stand for the words they start.
   */
  function prefixShards(data, query, wordsLoaded) {
    var names = [];
    unitsOf(query).forEach(function (unit) {
      if (unit.phrase || (!unit.prefix && (!wordsLoaded || data.knows(unit.word)))) return;
      data.prefixShards(unit.word).forEach(function (i) { names.push("terms-" + i); });
    });
    return names;
  }

  /** The terms shards holding the terms the query's words stand for. */
  function termShards(data, query) {
    var names = [];
    unitsOf(query).forEach(function (unit) {
      var list = unit.phrase ? unit.phrase.filter(function (w) { return data.knows(w); }) : expand(data, unit.word, unit.prefix);
      list.forEach(function (w) {
        wordFields(data, w).forEach(function (ft) { names.push("terms-" + data.termShard(ft[1])); });
      });
    });
    return names;
  }

  /** The positions shards of the terms of the query's phrases. */
  function positionShards(data, query) {
    var names = [];
    function add(word) {
      wordFields(data, word).forEach(function (ft) { names.push("pos-" + data.positionShard(ft[1])); });
    }
    unitsOf(query).forEach(function (unit) {
      if (!unit.phrase) return;
      unit.phrase.filter(function (w) { return data.knows(w); }).forEach(add);
    });
    // The words a `w/N` ties are placed by their positions too.
    query.near.forEach(function (near) {
      query.clauses[near.left].concat(query.clauses[near.right]).forEach(function (unit) {
        if (!unit.phrase) expand(data, unit.word, unit.prefix).forEach(add);
      });
    });
    return names;
  }

  /** Filters that test what the `attrs` shards hold. */
  var ATTR_FILTERS = ["court", "lang", "relation"];

  /**
   * The document table shards a query needs for `numbers`: the facets, and
   * the other attributes when a filter tests them or there are only filters
   * (sorted by date).
   */
  function docShards(data, numbers, attrs) {
    var names = [];
    var last = -1;
    numbers.forEach(function (n) {
      var shard = data.docShard(n);
      // Numbers are mostly in order: a shard is named once for each run.
      if (shard === last) return;
      last = shard;
      names.push("docs-" + shard);
      if (attrs) names.push("attrs-" + shard);
    });
    return names;
  }

  /** Whether a query needs the `attrs` shards too. */
  function needsAttrs(query) {
    return query.clauses.length === 0 || query.filters.some(function (f) { return ATTR_FILTERS.indexOf(f.field) >= 0; });
  }


  /** The document table shards loaded with the first terms shards. */
  function eagerDocShards(data, attrs) {
    var count = Math.ceil(data.m.docs / data.m.shards.docs);
    // Loaded whole with the query's first terms shards, not after its
    // postings: a query's matches are nearly always in every shard, and
    // this saves a round trip.
    if (count > api.eagerDocShards) return [];
    var all = [];
    for (var i = 0; i < count; i++) all.push(i * data.m.shards.docs);
    return docShards(data, all, attrs);
  }

  /**
   * Runs a query. options: {limit, typing}. Resolves to
   * {total, hits: [{doc, id, score, tier, snippet, meta}], facets, notices, query}.
   */
  function search(text, options) {
    options = options || {};
    var limit = options.limit === undefined ? 10 : options.limit;
    var data;
    var query;
    var notices;
    var clauses;
    return load("manifest").then(function (manifest) {
      if (!fold) setFolding(manifest.fold);
      data = api.data || (api.data = new Data(manifest));
      query = parse(text, !!options.typing);
      // Round trips are what a slow link feels: everything the manifest
      // alone names is asked for at once.
      return loadAll(wordShards(data, query).concat(prefixShards(data, query, false), eagerDocShards(data, needsAttrs(query))));
    }).then(function () {
      return loadAll(prefixShards(data, query, true));
    }).then(function () {
      // The export keeps a word's terms in its shard, so that these are
      // usually loaded already.
      return loadAll(termShards(data, query).concat(positionShards(data, query)));
    }).then(function () {
      function matchAll() {
        notices = [];
        data.missingDocShards.clear();
        clauses = query.clauses.map(function (clause) { return matchClause(data, clause, notices); });
      }
      matchAll();
      // Scores read the length of each match's body from the document
      // table: on a table too large to come with the terms, the shards of
      // the matches come now (the round trip that the facets would take
      // anyway), and the clauses are matched again.
      var missing = Array.from(data.missingDocShards, function (shard) { return "docs-" + shard; });
      if (missing.length > 0) return loadAll(missing).then(matchAll);
    }).then(function () {
      // A `/p` reads where its candidates' paragraphs end: one round trip more.
      return loadAll(paragraphShards(data, query, clauses));
    }).then(function () {
      query.near.forEach(function (near) { keepNear(data, query, clauses, near); });
      var excluded = new Set();
      query.excluded.forEach(function (unit) {
        var found = matchUnit(data, unit, []);
        if (found) found.forEach(function (m, doc) { excluded.add(doc); });
      });
      var filters = readFilters(query.filters, notices);
      reportUnknownValues(data, query.filters, notices);
      var combined = combine(data, clauses, query.filters.length === 0);
      if (!combined) return { query: query, total: 0, hits: [], facets: [], notices: notices };
      var numbers = new Uint32Array(combined.size);
      var counted = 0;
      combined.forEach(function (score, d) { numbers[counted++] = d; });
      var base = [];
      numbers.sort().forEach(function (d) { if (!excluded.has(d)) base.push(d); });
      return loadAll(docShards(data, base, needsAttrs(query))).then(function () {
        // Each match's row of the document table, read once.
        var metas = base.map(function (d) { return data.doc(d); });
        var facets = countFacets(data, base, metas, filters);
        var named = namedBy(data, query);
        var hits = [];
        base.forEach(function (d, i) {
          var meta = metas[i];
          if (!accept(data, filters, meta, null)) return;
          hits.push({ doc: d, score: combined.get(d) * prior(data, meta.kind, meta.cited), tier: named.has(d) ? 1 : 0, meta: meta });
        });
        var filtersOnly = query.clauses.length === 0;
        function order(a, b) {
          return (b.tier - a.tier) || (b.score - a.score) ||
            (filtersOnly ? b.meta.date - a.meta.date : 0) || (a.doc - b.doc);
        }
        hits.sort(order);
        if (hits.length === 0 && notices.length === 0 && query.clauses.length > 1) {
          notices.push({
            kind: "no_combination",
            counts: query.clauses.map(function (clause, i) {
              return [clause.map(describeUnit).join(" OR "), clauses[i] ? clauses[i].size : 0];
            })
          });
        }
        // The first results are reordered by how close their words stand,
        // read from their texts (one segment of each body); those of the
        // results shown are needed anyway.
        var depth = Math.min(data.m.params.rerankDepth, hits.length);
        var read = hits.slice(0, Math.max(depth, limit));
        read.forEach(function (hit) { hit.segment = chosenSegment(clauses, hit.doc); });
        return loadAll(read.map(function (h) { return data.textFile(h.doc, h.segment); })).then(function () {
          var positions = new Map();
          read.forEach(function (hit) {
            positions.set(hit.doc, clausePositions(data, data.text(hit.doc, hit.segment), clauses, hit.doc));
          });
          var reranked = hits.slice(0, depth);
          reranked.forEach(function (hit) { hit.score += proximityBonus(data, data.text(hit.doc, hit.segment), positions.get(hit.doc)); });
          reranked.sort(order);
          hits.splice.apply(hits, [0, depth].concat(reranked));
          var bits = clauseBits(clauses.map(function (c) { return c ? c.size : 0; }));
          hits.slice(0, limit).forEach(function (hit) {
            var text = data.text(hit.doc, hit.segment);
            var marks = positions.get(hit.doc).map(function (found, i) { return { match: found, bit: bits[i] }; });
            hit.snippet = makeSnippet(data, text, marks);
            hit.meta = Object.assign({}, hit.meta, text);
            hit.id = text.id;
          });
          return { query: query, total: hits.length, hits: hits, facets: facets, notices: notices };
        });
      });
    });
  }

  /**
   * Loads what every query needs, the manifest and (when small) the
   * document table, ahead of the first query: the search page calls it as
   * it opens, so that a query typed there waits only for its own shards.
   */
  function prepare() {
    return load("manifest").then(function (manifest) {
      if (!fold) setFolding(manifest.fold);
      var data = api.data || (api.data = new Data(manifest));
      var table = eagerDocShards(data, false);
      return loadAll(table).then(function () { return table.length > 0 ? readTable(data) : null; });
    });
  }

  /**
   * Reads every row of the document table, loaded whole, while the first
   * query is typed (a query matching most documents would read them all),
   * a slice at a time, so that typing is never kept waiting.
   */
  function readTable(data) {
    var later = typeof setTimeout === "function" ? setTimeout : function (next) { Promise.resolve().then(next); };
    return new Promise(function (resolve) {
      var n = 0;
      (function slice() {
        for (var end = Math.min(data.m.docs, n + TABLE_ROWS_AT_ONCE); n < end; n++) data.doc(n);
        if (n < data.m.docs) later(slice, 0); else resolve();
      })();
    });
  }
  var TABLE_ROWS_AT_ONCE = 2000;

  api.search = search;
  api.prepare = prepare;
  api.parse = parse;
  // The engine's own lists are shared: the page gets copies.
  api.words = function (text) { return words(text).map(function (w) { return Object.assign({}, w); }); };
  api.normalise = function (text) {
    return load("manifest").then(function (manifest) {
      if (!fold) setFolding(manifest.fold);
      return wordTexts(text);
    });
  };
  api.describeUnit = describeUnit;
})(typeof window !== "undefined" ? window : globalThis);
