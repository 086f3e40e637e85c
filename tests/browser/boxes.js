// Measures the text boxes in every table cell of Bilaga 1 (see test_report_browser.py):
// text outside its cell, text of two cells overlapping, a page wider than its window.
// The result is written as JSON into <pre id="box-result">, in the parent document when
// the page is shown in an iframe.
window.addEventListener('load', function () {
  function textRects(cell) {
    var out = [];
    var walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT, null);
    var n;
    while ((n = walker.nextNode())) {
      if (!n.textContent.trim()) continue;
      var el = n.parentElement;
      if (el.closest('.visually-hidden')) continue;
      var r = document.createRange();
      r.selectNodeContents(n);
      var rects = r.getClientRects();
      for (var i = 0; i < rects.length; i++) {
        var b = rects[i];
        if (b.width < 0.5 || b.height < 0.5) continue;
        out.push({x: b.left, y: b.top, r: b.right, b: b.bottom, t: n.textContent.trim().slice(0, 40)});
      }
    }
    var svgs = cell.querySelectorAll('svg');
    for (var j = 0; j < svgs.length; j++) {
      var s = svgs[j].getBoundingClientRect();
      out.push({x: s.left, y: s.top, r: s.right, b: s.bottom, t: '[symbol]'});
    }
    return out;
  }
  var problems = [], cells = document.querySelectorAll('table th, table td'), all = [];
  var tol = 0.75;
  for (var c = 0; c < cells.length; c++) {
    var cell = cells[c], box = cell.getBoundingClientRect();
    var rects = textRects(cell);
    for (var k = 0; k < rects.length; k++) {
      var t = rects[k];
      if (t.x < box.left - tol || t.r > box.right + tol || t.y < box.top - tol || t.b > box.bottom + tol) {
        problems.push({kind: 'outside-cell', text: t.t, cell: cell.textContent.trim().slice(0, 60),
                       over: Math.round(Math.max(box.left - t.x, t.r - box.right, box.top - t.y, t.b - box.bottom))});
      }
      all.push({c: c, box: t});
    }
  }
  all.sort(function (a, b) { return a.box.y - b.box.y; });
  for (var i2 = 0; i2 < all.length; i2++) {
    for (var j2 = i2 + 1; j2 < all.length && all[j2].box.y < all[i2].box.b; j2++) {
      var a = all[i2], b2 = all[j2];
      if (a.c === b2.c) continue;
      var ox = Math.min(a.box.r, b2.box.r) - Math.max(a.box.x, b2.box.x);
      var oy = Math.min(a.box.b, b2.box.b) - Math.max(a.box.y, b2.box.y);
      if (ox > tol && oy > tol) problems.push({kind: 'overlap', a: a.box.t, b: b2.box.t});
    }
  }
  var doc = document.documentElement;
  if (doc.scrollWidth > window.innerWidth + 1) {
    problems.push({kind: 'page-wider-than-window', width: doc.scrollWidth, window: window.innerWidth});
  }
  var pre = document.createElement('pre');
  pre.id = 'box-result';
  pre.textContent = JSON.stringify({cells: cells.length, texts: all.length, width: window.innerWidth, problems: problems});
  (window.parent !== window ? window.parent.document.body : document.body).appendChild(pre);
});
