/* The preview made editable: typing, a floating toolbar, block controls and the block palette.
 *
 * Injected into preview pages only (never part of the email). Talks to the app through
 * QWebChannel: what is typed goes to bridge.typed once per animation frame; the app answers
 * other changes with bridge.patch (blocks by id, swapped in place). The page is never the
 * source of truth: the app converts and stores, and renders the real email back.
 */
(function () {
  'use strict';
  if (window.ncCanvas || !window.qt || !window.QWebChannel) { return; }

  var FIELD = '[data-nc-field]';
  var BLOCK = '[data-block-id]';
  var bridge = null;
  var pending = new Map();
  var frameQueued = false;
  var focusedBlock = '';
  var palette = [];
  var canvas = window.ncCanvas = { ready: false, sent: 0, patches: 0 };
  var pageStyle = document.createElement('style');
  pageStyle.textContent = window.ncPageStyle || '';
  (document.head || document.documentElement).appendChild(pageStyle);

  // A reloaded page keeps the place the coordinator was reading.
  var query = new URLSearchParams(location.search);
  if (query.has('y')) { window.scrollTo(parseInt(query.get('x'), 10) || 0, parseInt(query.get('y'), 10) || 0); }

  // --- the channel ---------------------------------------------------------------------------

  new QWebChannel(qt.webChannelTransport, function (channel) {
    bridge = channel.objects.canvas;
    bridge.patch.connect(applyPatch);
    bridge.scaleChanged.connect(setScale);
    bridge.uiScale(setScale);
    bridge.palette(function (json) { palette = JSON.parse(json || '[]'); });
    canvas.ready = true;
    bridge.ready(location.pathname);
  });

  // --- typing ------------------------------------------------------------------------------------

  document.execCommand('defaultParagraphSeparator', false, 'p');

  function fieldOf(node) {
    var element = node && (node.nodeType === 1 ? node : node.parentElement);
    var field = element && element.closest ? element.closest(FIELD) : null;
    return field && field.isContentEditable ? field : null;
  }
  function isRich(field) { return field.getAttribute('contenteditable') === 'true'; }
  function keyOf(field) { return field.getAttribute('data-nc-block') + '\u0000' + field.getAttribute('data-nc-field'); }

  document.addEventListener('input', function (event) {
    var field = fieldOf(event.target);
    if (!field) { return; }
    pending.set(keyOf(field), field);
    if (!frameQueued) {
      frameQueued = true;
      requestAnimationFrame(flush);
      setTimeout(flush, 100);  // a page in the background gets no frames
    }
    positionToolbar();
  }, true);

  function flush() {
    if (!frameQueued) { return; }
    frameQueued = false;
    if (!bridge) { setTimeout(function () { frameQueued = true; flush(); }, 50); return; }
    pending.forEach(function (field) {
      var content = isRich(field) ? field.innerHTML : field.innerText;
      canvas.sent += 1;
      bridge.typed(field.getAttribute('data-nc-block'), field.getAttribute('data-nc-field'), content);
    });
    pending.clear();
  }
  canvas.flush = function () { frameQueued = true; flush(); };
  // Before a save or a close: send what waits for the next frame, then say so (see PreviewEdits.bring_in_typing).
  canvas.flushForApp = function () {
    if (!bridge) { return false; }
    canvas.flush();
    bridge.flushed();
    return true;
  };

  // Focus in the toolbar's link box is still focus in the field the link is for: leaving it would
  // let the app replace the field's words (to match the email) and lose the words the link is for.
  document.addEventListener('focusin', function (event) {
    if (event.target === host) { return; }
    var field = fieldOf(event.target);
    var block = field ? field.getAttribute('data-nc-block') : '';
    if (block !== focusedBlock) {
      focusedBlock = block;
      if (bridge) { bridge.focused(block); }
    }
    if (field && bridge) { bridge.select(block); }
    if (field) { startParagraph(field); }
  }, true);

  // An empty field for rich words starts with a paragraph, so her first line is one like those after
  // Enter (otherwise it stays bare text, drawn without a paragraph's space until the caret leaves).
  function startParagraph(field) {
    if (!isRich(field) || field.textContent !== '' || field.querySelector('p, ul, ol')) { return; }
    field.innerHTML = '<p><br></p>';
    var range = document.createRange();
    range.setStart(field.firstChild, 0);
    range.collapse(true);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
  document.addEventListener('focusout', function (event) {
    if (event.relatedTarget === host) { return; }  // into the link box: still in this field (see focusin)
    var left = fieldOf(event.target);
    if (left && isRich(left) && left.textContent === '' && left.innerHTML === '<p><br></p>') {
      left.innerHTML = '';  // left without a word: "Type here…" again
    }
    setTimeout(function () {
      if (document.activeElement === host) { return; }
      var field = fieldOf(document.activeElement);
      var block = field ? field.getAttribute('data-nc-block') : '';
      if (block !== focusedBlock) {
        canvas.flush();
        focusedBlock = block;
        if (bridge) { bridge.focused(block); }
      }
    }, 0);
  }, true);

  document.addEventListener('keydown', function (event) {
    // The app's "send what you have", sent as a key so it comes after every key typed before it.
    if (event.key === 'F24') { event.preventDefault(); canvas.flushForApp(); return; }
    var field = fieldOf(event.target);
    var mod = (event.ctrlKey || event.metaKey) && !event.altKey;
    var key = (event.key || '').toLowerCase();
    if (mod && (key === 'z' || key === 'y')) {
      event.preventDefault();
      canvas.flush();
      if (bridge) { (key === 'y' || event.shiftKey) ? bridge.redo() : bridge.undo(); }
      return;
    }
    if (!field) { return; }
    if (mod && (key === 'b' || key === 'i')) {
      event.preventDefault();
      if (isRich(field)) { document.execCommand(key === 'b' ? 'bold' : 'italic'); }
      return;
    }
    if (mod && key === 'k') {
      event.preventDefault();
      if (isRich(field)) { openLinkEditor(); }
      return;
    }
    if (event.key === 'Enter' && !isRich(field)) { event.preventDefault(); }
    if (event.key === 'Escape') { hidePalette(); field.blur(); window.getSelection().removeAllRanges(); }
  }, true);

  // A paste becomes what clean paste keeps (the same converter as the forms), shown as the email will show it.
  document.addEventListener('paste', function (event) {
    var field = fieldOf(event.target);
    var html = event.clipboardData && event.clipboardData.getData('text/html');
    if (!field || !isRich(field) || !html || !bridge) { return; }
    event.preventDefault();
    var selection = window.getSelection();
    var range = selection.rangeCount ? selection.getRangeAt(0).cloneRange() : null;
    bridge.cleanPaste(html, function (clean) {
      field.focus({ preventScroll: true });
      if (range) { selection.removeAllRanges(); selection.addRange(range); }
      if (clean) { document.execCommand('insertHTML', false, clean); }
    });
  }, true);

  // Links never navigate inside the app; Ctrl+click opens them in the browser.
  document.addEventListener('click', function (event) {
    if (event.composedPath().indexOf(host) >= 0) { return; }
    var link = event.target.closest && event.target.closest('a');
    if (link) {
      event.preventDefault();
      if ((event.ctrlKey || event.metaKey) && bridge) { bridge.openLink(link.href); return; }
    }
    var block = event.target.closest && event.target.closest(BLOCK);
    if (block && bridge) { bridge.select(block.getAttribute('data-block-id')); }
  }, true);

  // --- patches from the app ------------------------------------------------------------------

  function applyPatch(json) {
    var message = JSON.parse(json);
    var caret = saveCaret();
    var fresh = {};
    Object.keys(message.blocks).forEach(function (id) {
      var template = document.createElement('template');
      template.innerHTML = message.blocks[id];
      fresh[id] = template.content.firstElementChild;
    });
    if (message.after) { rearrange(message.before, message.after, fresh); }
    Object.keys(fresh).forEach(function (id) {
      var old = blockElement(id);
      if (old && fresh[id] && old !== fresh[id]) { old.replaceWith(fresh[id]); }
    });
    restoreCaret(caret);
    canvas.patches += 1;
    positionToolbar();
    if (hovered && !hovered.isConnected) { hideControls(); } else { placeControls(); }
    if (bridge) { bridge.patched(message.number); }
  }

  function blockElement(id) { return document.querySelector('[data-block-id="' + id + '"]'); }

  // Each run of neighbouring blocks is put back in its new order; new blocks come in, removed ones go.
  function rearrange(before, after, fresh) {
    var places = before.map(function (run) {
      var first = blockElement(run[0]);
      return first ? { parent: first.parentNode, previous: first.previousSibling } : null;
    });
    var kept = {};
    before.forEach(function (run) {
      run.forEach(function (id) {
        var element = blockElement(id);
        if (element) { kept[id] = element; element.remove(); }
      });
    });
    after.forEach(function (run, index) {
      var place = places[index];
      if (!place) { return; }
      var previous = place.previous;
      run.forEach(function (id) {
        var element = fresh[id] || kept[id];
        if (!element) { return; }
        place.parent.insertBefore(element, previous ? previous.nextSibling : place.parent.firstChild);
        previous = element;
      });
    });
  }
  canvas.applyPatch = applyPatch;

  function saveCaret() {
    var field = fieldOf(document.activeElement);
    var selection = window.getSelection();
    if (!field || !selection.rangeCount) { return null; }
    var range = document.createRange();
    range.selectNodeContents(field);
    range.setEnd(selection.getRangeAt(0).endContainer, selection.getRangeAt(0).endOffset);
    return { block: field.getAttribute('data-nc-block'), path: field.getAttribute('data-nc-field'),
             offset: range.toString().length, text: field.textContent, scrollY: window.scrollY };
  }

  // After an undo or an edit elsewhere, the caret stays by the same words: shifted past what changed.
  function restoreCaret(caret) {
    if (!caret) { return; }
    var field = document.querySelector('[data-nc-block="' + caret.block + '"][data-nc-field="' + caret.path + '"]');
    if (!field || field === document.activeElement) { return; }
    var before = caret.text, after = field.textContent;
    var prefix = 0, suffix = 0;
    while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) { prefix += 1; }
    while (suffix < before.length - prefix && suffix < after.length - prefix &&
           before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) { suffix += 1; }
    var offset = caret.offset;
    if (offset > prefix) {
      offset = offset >= before.length - suffix ? offset + after.length - before.length : after.length - suffix;
    }
    field.focus({ preventScroll: true });
    var walker = document.createTreeWalker(field, NodeFilter.SHOW_TEXT);
    var left = Math.max(0, offset);
    var node = walker.nextNode();
    var range = document.createRange();
    range.selectNodeContents(field);
    range.collapse(false);
    while (node) {
      if (left <= node.length) { range.setStart(node, left); range.collapse(true); break; }
      left -= node.length;
      node = walker.nextNode();
    }
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    window.scrollTo(window.scrollX, caret.scrollY);
  }
  canvas.caretOffset = function () { var c = saveCaret(); return c ? c.offset : -1; };

  // Outline selection: show where the block is.
  window.ncHighlight = function (id) {
    var element = document.querySelector('[data-block-id="' + id + '"]');
    if (!element) { return false; }
    element.scrollIntoView({ block: 'center' });
    element.style.outline = '3px solid #f59e0b';
    element.style.outlineOffset = '3px';
    setTimeout(function () { element.style.outline = ''; element.style.outlineOffset = ''; }, 1400);
    return true;
  };

  // --- the editing interface, in its own shadow tree so the email's styles never touch it -------

  var host = document.createElement('nc-canvas-ui');
  host.setAttribute('contenteditable', 'false');
  host.setAttribute('role', 'region');  // its own landmark, so a screen reader finds the tools apart from the email
  host.setAttribute('aria-label', 'Editing tools');
  var ui = host.attachShadow({ mode: 'open' });
  canvas.ui = ui;
  ui.innerHTML = '<style>' + (window.ncCanvasStyle || '') + '</style>' +
    '<div class="toolbar" part="toolbar" role="toolbar" aria-label="Text formatting" hidden>' +
    '<button data-command="bold" title="Bold (Ctrl+B)"><b>B</b></button>' +
    '<button data-command="italic" title="Italic (Ctrl+I)"><i>I</i></button>' +
    '<button data-command="link" title="Link (Ctrl+K)"><svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true"><path d="M6.5 9.5l3-3 M7 4.5l1.2-1.2a2.5 2.5 0 0 1 3.5 3.5L10.5 8 M9 11.5l-1.2 1.2a2.5 2.5 0 0 1-3.5-3.5L5.5 8" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round"/></svg></button>' +
    '<button data-command="insertUnorderedList" title="Bulleted list">• List</button>' +
    '<button data-command="insertOrderedList" title="Numbered list">1. List</button>' +
    '<span class="levels"></span>' +
    '<span class="link-editor" hidden><input type="text" placeholder="https://… or an e-mail address" aria-label="Link address">' +
    '<button data-command="apply-link">OK</button><button data-command="remove-link" title="Remove the link">✕</button></span>' +
    '<span class="message" hidden></span>' +
    '</div>' +
    '<div class="controls" hidden>' +
    '<button data-action="drag" class="handle" title="Drag to move">⠿</button>' +
    '<button data-action="up" title="Move up">↑</button>' +
    '<button data-action="down" title="Move down">↓</button>' +
    '<button data-action="duplicate" title="Duplicate"><svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true"><path d="M5.5 5.5h7v7h-7z M3.5 10.5v-7h7" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round"/></svg></button>' +
    '<button data-action="delete" title="Delete"><svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true"><path d="M3 4.5h10 M6.5 4.5v-2h3v2 M4.5 4.5l.7 9h5.6l.7-9 M7 7v4.5 M9 7v4.5" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round"/></svg></button>' +
    '<button data-action="library" title="Save to library">☆</button>' +
    '</div>' +
    '<button class="add" hidden title="Add a block here">+</button>' +
    '<div class="palette" role="menu" aria-label="Add a block" hidden></div>' +
    '<div class="drop-line" hidden></div>';
  (document.body || document.documentElement).appendChild(host);

  var toolbar = ui.querySelector('.toolbar');
  var controls = ui.querySelector('.controls');
  var addButton = ui.querySelector('.add');
  var paletteBox = ui.querySelector('.palette');
  var dropLine = ui.querySelector('.drop-line');
  var linkEditor = ui.querySelector('.link-editor');
  var linkInput = linkEditor.querySelector('input');
  // A desktop page shown zoomed out (Side by side) keeps its toolbar and controls at their real size.
  var uiScale = 1;
  function size(element, which) { return (which === 'height' ? element.offsetHeight : element.offsetWidth) * uiScale; }
  function setScale(scale) {
    uiScale = scale || 1;
    [toolbar, controls, addButton, paletteBox].forEach(function (element) {
      element.style.transform = uiScale === 1 ? '' : 'scale(' + uiScale + ')';
    });
    positionToolbar();
    placeControls();
  }
  canvas.scale = function () { return uiScale; };
  var message = ui.querySelector('.message');
  var savedRange = null;

  // --- floating toolbar ----------------------------------------------------------------------

  document.addEventListener('selectionchange', positionToolbar);
  // While she works in the form beside, the page's toolbar would only hide the words under it.
  window.addEventListener('blur', function () { if (linkEditor.hidden) { toolbar.hidden = true; } });
  window.addEventListener('focus', positionToolbar);
  window.addEventListener('scroll', function () { positionToolbar(); placeControls(); }, true);
  window.addEventListener('resize', function () { positionToolbar(); placeControls(); });

  function currentField() {
    var selection = window.getSelection();
    return selection.rangeCount ? fieldOf(selection.anchorNode) : null;
  }

  function positionToolbar() {
    var field = currentField();
    if (!field && linkEditor.hidden === false && savedRange) { field = fieldOf(savedRange.startContainer); }
    if (!field) { toolbar.hidden = true; placeControls(); return; }
    toolbar.hidden = false;
    var rich = isRich(field);
    toolbar.querySelectorAll('[data-command]').forEach(function (button) {
      var command = button.getAttribute('data-command');
      if (['bold', 'italic', 'link', 'insertUnorderedList', 'insertOrderedList'].indexOf(command) >= 0) {
        button.disabled = !rich;
      }
    });
    var state = formattingState(field);
    setOn('bold', rich && state.bold);
    setOn('italic', rich && state.italic);
    setOn('link', rich && state.link);
    setOn('insertUnorderedList', rich && state.bullets);
    setOn('insertOrderedList', rich && state.numbers);
    showLevels(field);
    // Above the selected words; while typing (no selection) above the field, so no line is hidden,
    // or, when the field's top is out of view, just below the caret's line.
    var selection = window.getSelection();
    var range = selection.rangeCount ? selection.getRangeAt(0) : null;
    var height = size(toolbar, 'height');
    var rect, top;
    if (range && !range.collapsed) {
      rect = range.getBoundingClientRect();
      top = rect.top - height - 8;
      if (top < 2) { top = rect.bottom + 8; }
    } else {
      rect = field.getBoundingClientRect();
      top = rect.top - height - 8;
      if (top < 2) {
        var line = range ? (range.getClientRects()[0] || range.getBoundingClientRect()) : null;
        top = line && line.height ? line.bottom + 8 : rect.bottom + 8;
      }
    }
    top += window.scrollY;
    var left = Math.max(4, Math.min(rect.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - size(toolbar, 'width') - 4));
    toolbar.style.top = top + 'px';
    toolbar.style.left = left + 'px';
    placeControls();
  }
  canvas.positionToolbar = positionToolbar;

  function formattingState(field) {
    var selection = window.getSelection();
    var node = selection.rangeCount ? selection.anchorNode : null;
    var element = node && (node.nodeType === 1 ? node : node.parentElement);
    function inside(selector) {
      var found = element && element.closest(selector);
      return !!(found && field.contains(found));
    }
    return {
      bold: document.queryCommandState('bold'),
      italic: document.queryCommandState('italic'),
      link: inside('a'),
      bullets: inside('ul'),
      numbers: inside('ol')
    };
  }
  canvas.state = function () { var f = currentField(); return f ? formattingState(f) : null; };

  function setOn(command, on) {
    var button = toolbar.querySelector('[data-command="' + command + '"]');
    button.classList.toggle('on', !!on);
    button.setAttribute('aria-pressed', on ? 'true' : 'false');
  }

  function showLevels(field) {
    var box = toolbar.querySelector('.levels');
    var levels = (field.getAttribute('data-nc-levels') || '').split(' ').filter(Boolean);
    var current = field.getAttribute('data-nc-level');
    var wanted = levels.join(' ') + '|' + current;
    if (box.getAttribute('data-shown') === wanted) { return; }
    box.setAttribute('data-shown', wanted);
    box.innerHTML = '';
    levels.forEach(function (level) {
      var button = document.createElement('button');
      button.textContent = 'H' + level;
      button.title = 'Heading level ' + level;
      button.setAttribute('data-level', level);
      button.classList.toggle('on', level === current);
      button.setAttribute('aria-pressed', level === current ? 'true' : 'false');
      box.appendChild(button);
    });
  }

  toolbar.addEventListener('mousedown', function (event) {
    if (event.target !== linkInput) { event.preventDefault(); }  // keep the selection in the text
  });
  toolbar.addEventListener('click', function (event) {
    var button = event.target.closest('button');
    if (!button) { return; }
    var field = currentField() || (savedRange && fieldOf(savedRange.startContainer));
    if (!field) { return; }
    var level = button.getAttribute('data-level');
    if (level) { bridge.level(field.getAttribute('data-nc-block'), parseInt(level, 10)); return; }
    var command = button.getAttribute('data-command');
    if (command === 'link') { openLinkEditor(); return; }
    if (command === 'apply-link') { applyLink(linkInput.value); return; }
    if (command === 'remove-link') { applyLink(''); return; }
    document.execCommand(command);
    positionToolbar();
  });

  function openLinkEditor() {
    var selection = window.getSelection();
    if (!selection.rangeCount) { return; }
    savedRange = selection.getRangeAt(0).cloneRange();
    var element = savedRange.startContainer.nodeType === 1 ? savedRange.startContainer : savedRange.startContainer.parentElement;
    var link = element && element.closest('a');
    linkInput.value = link ? link.getAttribute('href') : '';
    linkEditor.hidden = false;
    message.hidden = true;
    positionToolbar();
    linkInput.focus();
    linkInput.select();
  }
  canvas.openLinkEditor = openLinkEditor;

  linkInput.addEventListener('keydown', function (event) {
    if (event.key === 'Enter') { event.preventDefault(); applyLink(linkInput.value); }
    if (event.key === 'Escape') { event.preventDefault(); closeLinkEditor(); }
    event.stopPropagation();
  });

  function applyLink(address) {
    if (!savedRange) { return; }
    bridge.checkLink(address, function (answer) {
      var checked = JSON.parse(answer);
      if (checked.problem) { message.textContent = checked.problem; message.hidden = false; return; }
      address = checked.address;
      closeLinkEditor();
      if (!address) {
        var element = savedRange.startContainer.nodeType === 1 ? savedRange.startContainer : savedRange.startContainer.parentElement;
        var link = element && element.closest('a');
        if (link && !savedRange.toString()) { selectNode(link); }
        document.execCommand('unlink');
      } else if (savedRange.collapsed) {
        var element2 = savedRange.startContainer.nodeType === 1 ? savedRange.startContainer : savedRange.startContainer.parentElement;
        var existing = element2 && element2.closest('a');
        if (existing) { existing.setAttribute('href', address); fieldOf(existing).dispatchEvent(new InputEvent('input', { bubbles: true })); }
        else { document.execCommand('insertHTML', false, '<a href="' + address.replace(/"/g, '%22') + '">' + escapeText(address) + '</a>'); }
      } else {
        document.execCommand('createLink', false, address);
      }
      savedRange = null;
      positionToolbar();
    });
  }

  function closeLinkEditor() {
    linkEditor.hidden = true;
    message.hidden = true;
    if (savedRange) {
      var field = fieldOf(savedRange.startContainer);
      if (field) { field.focus({ preventScroll: true }); }
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(savedRange);
    }
  }

  function selectNode(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function escapeText(text) {
    var span = document.createElement('span');
    span.textContent = text;
    return span.innerHTML;
  }

  // --- block controls and the "+" palette -----------------------------------------------------

  var hovered = null;
  var dragging = null;

  document.addEventListener('mousemove', function (event) {
    if (dragging) { dragOver(event); return; }
    if (event.composedPath().indexOf(host) >= 0) { return; }
    var block = event.target.closest && event.target.closest(BLOCK);
    if (block && block !== hovered) { showControls(block); }
  }, true);

  document.documentElement.addEventListener('mouseleave', function () {
    if (!dragging && paletteBox.hidden) { hideControls(); }
  });

  function showControls(block) {
    hovered = block;
    controls.hidden = false;
    addButton.hidden = false;
    placeControls();
  }
  canvas.showControls = function (id) {
    var block = document.querySelector('[data-block-id="' + id + '"]');
    if (block) { showControls(block); }
    return !!block;
  };

  function placeControls() {
    if (!hovered) { return; }
    if (!hovered.isConnected) {
      hovered = document.querySelector('[data-block-id="' + controls.getAttribute('data-block') + '"]');
      if (!hovered) { hideControls(); return; }
    }
    var id = hovered.getAttribute('data-block-id');
    controls.setAttribute('data-block', id);
    addButton.setAttribute('data-block', id);
    var rect = hovered.getBoundingClientRect();
    var right = Math.min(rect.right, document.documentElement.clientWidth - 2);
    var top = Math.max(0, rect.top + window.scrollY - size(controls, 'height') + 4);
    var left = Math.max(2, right + window.scrollX - size(controls, 'width'));
    if (!toolbar.hidden) {
      // On a phone-width page the text toolbar and the controls want the same place: the controls
      // go under the block's right end, so neither hides the other.
      var bar = toolbar.getBoundingClientRect();
      var x = left - window.scrollX, y = top - window.scrollY;
      if (x < bar.right && bar.left < x + size(controls, 'width') && y < bar.bottom && bar.top < y + size(controls, 'height')) {
        top = rect.bottom + window.scrollY + 4;
      }
    }
    controls.style.top = top + 'px';
    controls.style.left = left + 'px';
    // Mostly in the gap below the block: over its middle it would take clicks meant for a one-line block.
    addButton.style.top = (rect.bottom + window.scrollY - 4) + 'px';
    addButton.style.left = (rect.left + window.scrollX + rect.width / 2 - size(addButton, 'width') / 2) + 'px';
  }

  function hideControls() {
    hovered = null;
    controls.hidden = true;
    addButton.hidden = true;
  }

  controls.addEventListener('mousedown', function (event) {
    var button = event.target.closest('button');
    if (button && button.getAttribute('data-action') === 'drag') {
      event.preventDefault();
      dragging = { id: controls.getAttribute('data-block'), target: null, where: 'after' };
      host.classList.add('dragging');
    }
  });
  controls.addEventListener('click', function (event) {
    var button = event.target.closest('button');
    var action = button && button.getAttribute('data-action');
    if (!action || action === 'drag' || !bridge) { return; }
    canvas.flush();
    bridge.act(controls.getAttribute('data-block'), action);
  });

  function dragOver(event) {
    host.style.pointerEvents = 'none';
    var under = document.elementFromPoint(event.clientX, event.clientY);
    host.style.pointerEvents = '';
    var block = under && under.closest && under.closest(BLOCK);
    if (!block || block.getAttribute('data-block-id') === dragging.id) { dropLine.hidden = true; dragging.target = null; return; }
    var rect = block.getBoundingClientRect();
    dragging.target = block.getAttribute('data-block-id');
    dragging.where = event.clientY < rect.top + rect.height / 2 ? 'before' : 'after';
    dropLine.hidden = false;
    dropLine.style.left = (rect.left + window.scrollX) + 'px';
    dropLine.style.width = rect.width + 'px';
    dropLine.style.top = ((dragging.where === 'before' ? rect.top : rect.bottom) + window.scrollY - 2) + 'px';
  }

  document.addEventListener('mouseup', function () {
    if (!dragging) { return; }
    var move = dragging;
    dragging = null;
    dropLine.hidden = true;
    host.classList.remove('dragging');
    if (move.target && bridge) { bridge.move(move.id, move.target, move.where); }
  }, true);

  addButton.addEventListener('mousedown', function (event) { event.preventDefault(); });
  addButton.addEventListener('click', function () {
    paletteBox.innerHTML = '';
    palette.forEach(function (entry) {
      var item = document.createElement('button');
      item.setAttribute('role', 'menuitem');
      item.setAttribute('data-type', entry.type);
      var icon = document.createElement('img');
      icon.src = entry.icon;
      icon.alt = '';
      item.appendChild(icon);
      item.appendChild(document.createTextNode(entry.title));
      paletteBox.appendChild(item);
    });
    paletteBox.setAttribute('data-after', addButton.getAttribute('data-block'));
    paletteBox.hidden = false;
    // Beside the "+", inside what is on screen: below it when there is room, else above.
    var rect = addButton.getBoundingClientRect();
    var width = document.documentElement.clientWidth, height = window.innerHeight;
    var left = Math.max(4, Math.min(rect.left + rect.width / 2 - size(paletteBox, 'width') / 2, width - size(paletteBox, 'width') - 4));
    var top = rect.bottom + 4;
    if (top + size(paletteBox, 'height') > height - 4) { top = rect.top - size(paletteBox, 'height') - 4; }
    top = Math.max(4, Math.min(top, height - size(paletteBox, 'height') - 4));
    paletteBox.style.left = (left + window.scrollX) + 'px';
    paletteBox.style.top = (top + window.scrollY) + 'px';
  });
  paletteBox.addEventListener('mousedown', function (event) { event.preventDefault(); });
  paletteBox.addEventListener('click', function (event) {
    var item = event.target.closest('button');
    if (!item || !bridge) { return; }
    hidePalette();
    bridge.add(paletteBox.getAttribute('data-after'), item.getAttribute('data-type'));
  });
  document.addEventListener('mousedown', function (event) {
    if (event.composedPath().indexOf(host) < 0) { hidePalette(); }
  }, true);
  function hidePalette() { paletteBox.hidden = true; }
})();
