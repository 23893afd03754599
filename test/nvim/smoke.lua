-- Lectern's language server under a real third-party LSP client: headless Neovim (Debian's 0.7.2, so only APIs
-- that exist there: vim.lsp.start_client + buf_attach_client, no vim.lsp.start).
-- Run by test/nvim/run-nvim.mjs:  nvim --headless --clean -c 'luafile test/nvim/smoke.lua'
-- Environment: LSP_SERVER (dist/server.js), LSP_FILE (the draft), LSP_ROOT (workspace folder), LSP_CORPUS (corpus
-- folder, sent as initializationOptions.corpusPaths: Neovim answers workspace/configuration with null unless the user
-- configures settings), LSP_TIMEOUT_MS. Checks a reuse diagnostic, its hover, the speaking-time hover on the
-- title, and the completion of a closing mined from the archive. Prints PASS or FAIL: ...; exits 1 on failure.
local server = assert(os.getenv('LSP_SERVER'), 'LSP_SERVER not set')
local file = assert(os.getenv('LSP_FILE'), 'LSP_FILE not set')
local root = os.getenv('LSP_ROOT') or vim.fn.fnamemodify(file, ':h')
local corpus = assert(os.getenv('LSP_CORPUS'), 'LSP_CORPUS not set')
local timeout_ms = tonumber(os.getenv('LSP_TIMEOUT_MS') or '30000')
local want_message = 'Commission on Crime Prevention'
local want_hover = 'Kit Malthouse'

local function out(s) io.stdout:write(s .. '\n') end
local function fail(msg) out('FAIL: ' .. msg); io.stdout:flush(); vim.cmd('cquit 1') end

-- The first publish can be empty while the server is still indexing the corpus: remember the latest publish for
-- our file that carries a lectern diagnostic (raw LSP form, so positions stay UTF-16 as the server sent them).
local server_info
local uri = vim.uri_from_fname(vim.fn.fnamemodify(file, ':p'))
local published
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  out(('publishDiagnostics: %d for %s'):format(#(result.diagnostics or {}), result.uri))
  if result.uri == uri then
    for _, d in ipairs(result.diagnostics or {}) do
      if d.source == 'lectern' then published = result.diagnostics; break end
    end
  end
  return vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
-- what a user's config would do (vim.filetype.add is 0.8+); it becomes the languageId in didOpen
vim.api.nvim_buf_set_option(bufnr, 'filetype', 'statement')

local client_id = vim.lsp.start_client({
  name = 'lectern',
  cmd = { 'node', server, '--stdio' },
  root_dir = root,
  init_options = { corpusPaths = { corpus } },
  on_init = function(_, result) server_info = result.serverInfo end,
  on_exit = function(code, signal)
    if code ~= 0 then out(('server exited with code %s signal %s'):format(code, signal)) end
  end,
})
if not client_id then fail('start_client returned nil') end
vim.lsp.buf_attach_client(bufnr, client_id)

local t0 = vim.loop.now()
local function has_reuse()
  for _, d in ipairs(published or {}) do if d.message:find(want_message, 1, true) then return true end end
  return false
end
if not vim.wait(timeout_ms, has_reuse, 50) then
  fail(('no lectern diagnostics within %d ms'):format(timeout_ms))
end
out(('lectern diagnostics after %d ms'):format(vim.loop.now() - t0))
out('server: ' .. vim.inspect(server_info, { newline = ' ', indent = '' }))

local matching = {}
for _, d in ipairs(published) do
  out(('  %d:%d-%d:%d [%s %s] %s'):format(d.range.start.line, d.range.start.character, d.range['end'].line,
    d.range['end'].character, d.source or '', tostring(d.code), d.message:gsub('\n', ' '):sub(1, 160)))
  if d.message:find(want_message, 1, true) then table.insert(matching, d) end
end
if #matching ~= 1 then fail(('expected exactly 1 diagnostic mentioning "%s", got %d'):format(want_message, #matching)) end

local function hover_at(position)
  local res = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', { textDocument = { uri = uri }, position = position }, 10000)
  local text = ''
  for _, r in pairs(res or {}) do
    local c = r.result and r.result.contents
    -- MarkupContent, MarkedString or MarkedString[]
    if type(c) == 'string' then text = text .. c
    elseif type(c) == 'table' and c.value then text = text .. c.value
    elseif type(c) == 'table' then for _, m in ipairs(c) do text = text .. (type(m) == 'string' and m or m.value or '') end
    end
  end
  return text
end

local hover = hover_at(matching[1].range.start)
out('hover: ' .. hover:gsub('\n', ' '):sub(1, 300))
if not hover:find(want_hover, 1, true) then fail(('hover at the diagnostic does not mention "%s"'):format(want_hover)) end

-- the speaking-time hover on the draft's title line
local timing = hover_at({ line = 0, character = 3 })
out('title hover: ' .. timing:gsub('\n', ' '):sub(1, 300))
if not timing:find('Speaking time** — the whole statement', 1, true) or not timing:find('spoken words', 1, true) then
  fail('hover on the title does not give the speaking time')
end

-- completion of the archive's closings, once they are mined (on a worker, after the first diagnostics): the user
-- types "closi" on a new line before "Thank you." (the buffer only; nothing is written to disk)
local last = vim.api.nvim_buf_line_count(bufnr)
vim.api.nvim_buf_set_lines(bufnr, last - 1, last - 1, false, { 'closi', '' })
local items
local function complete()
  local res = vim.lsp.buf_request_sync(bufnr, 'textDocument/completion', { textDocument = { uri = uri }, position = { line = last - 1, character = 5 } }, 10000)
  for _, r in pairs(res or {}) do
    local list = r.result and (r.result.items or r.result)
    if list and #list > 0 then items = list end
  end
  return items ~= nil
end
if not vim.wait(timeout_ms, complete, 200) then fail('no completion items for "closi" once the archive was mined') end
out(('completion: %d items, first "%s" (%s)'):format(#items, items[1].label, items[1].detail or ''))
for _, item in ipairs(items) do
  if not (item.detail or ''):find('^Closing') then fail('a completion item for "closi" that is not a closing: ' .. item.label) end
end
local edit = items[1].textEdit
if items[1].insertTextFormat ~= 2 or not edit or edit.range.start.character ~= 0 or edit.range['end'].character ~= 5 then
  fail('the first closing is not a snippet replacing "closi": ' .. vim.inspect(items[1], { newline = ' ', indent = '' }))
end

vim.lsp.stop_client(client_id)
vim.wait(3000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
out('PASS')
vim.cmd('qall!')
