// A tiny RFC 4180 reader shared by the gazetteer generator and the data
// tests: quoted fields, doubled quotes, LF or CRLF rows. A quote inside an unquoted field is an error, so
// a malformed row fails loudly instead of shifting columns.
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') {
      if (field !== '') throw new Error(`stray quote inside an unquoted field near offset ${i}`);
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

// A CSV file read as { text, head, rows }, each row an object keyed by the
// header with its line number (`_line`) and field count (`_n`), for checks
// that name the line they fail on.
export function readTable(text) {
  const [head, ...rows] = parseCsv(text);
  return { text, head, rows: rows.map((r, i) => ({ ...Object.fromEntries(head.map((h, j) => [h, r[j]])), _line: i + 2, _n: r.length })) };
}

// True for a real calendar day written YYYY-MM-DD.
export function isDate(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}
