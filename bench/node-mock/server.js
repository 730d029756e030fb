// An OpenAI-compatible mock of the usual third-party kind (node's http module, no dependency), for measuring
// tierlens-cli against a server that shares no code with tierlens-sim: `node bench/node-mock/server.js PORT
// FIRST_MS [role-with-first|role-first|crlf|cr]`. Whole answers come after FIRST_MS; streams send their first token
// after FIRST_MS, then 8 tokens at 200 a second. README, Performance, says which figures were taken with it.
const http = require('http');
const port = Number(process.argv[2] || 8931);
const firstMs = Number(process.argv[3] || 250);
const variant = process.argv[4] || 'role-with-first';
http.createServer((req, res) => {
  let body = '';
  req.on('data', c => body += c);
  req.on('end', () => {
    const r = JSON.parse(body || '{}');
    const id = 'chatcmpl-' + Math.random().toString(36).slice(2);
    const EOL = variant === 'crlf' ? '\r\n' : variant === 'cr' ? '\r' : '\n';
    const chunk = (delta, finish) => 'data: ' + JSON.stringify({id, object: 'chat.completion.chunk', created: Math.floor(Date.now()/1000), model: r.model, choices: [{index: 0, delta, finish_reason: finish || null}]}) + EOL + EOL;
    if (!r.stream) {
      setTimeout(() => { res.writeHead(200, {'Content-Type': 'application/json'}); res.end(JSON.stringify({id, object: 'chat.completion', model: r.model, choices: [{index: 0, message: {role: 'assistant', content: 'one two three four five six seven eight'}, finish_reason: 'stop'}], usage: {prompt_tokens: 10, completion_tokens: 8, total_tokens: 18}})); }, firstMs);
      return;
    }
    res.writeHead(200, {'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', 'Connection': 'keep-alive'});
    if (variant === 'role-first') res.write(chunk({role: 'assistant', content: ''}));
    const words = ['one', ' two', ' three', ' four', ' five', ' six', ' seven', ' eight'];
    let i = 0;
    const send = () => {
      if (i === 0 && variant === 'role-with-first') res.write(chunk({role: 'assistant', content: ''}));
      res.write(chunk({content: words[i]}));
      i++;
      if (i < words.length) setTimeout(send, 5);
      else { res.write(chunk({}, 'stop')); res.write('data: ' + JSON.stringify({id, object: 'chat.completion.chunk', model: r.model, choices: [], usage: {prompt_tokens: 10, completion_tokens: 8, total_tokens: 18}}) + '\n\n'); res.end('data: [DONE]\n\n'); }
    };
    setTimeout(send, firstMs);
  });
}).listen(port, '127.0.0.1');
