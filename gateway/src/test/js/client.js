'use strict';
// A socket.io test client for the gateway's Java tests.
//
//   node client.js <v2|v4> <port> <alias|-> <query|auth|none> [any|websocket|polling] [timeoutMs]
//
// v2 is socket.io-client 2.x (Engine.IO 3), v4 is 4.x (Engine.IO 4). The alias is named in the
// handshake query, in the v4 auth object, or not at all. Commands arrive on stdin, one JSON object a line:
//   {"emit":"heartbeat","args":[{...}]}             emits an event with these arguments
//   {"emit":"push_c","args":[{...}],"ack":"a1"}     ... asking for an ack callback, printed with tag a1
//   {"raw":"2[\"x\""}                                writes one raw Engine.IO message (bad input tests)
//   {"close":true}                                   disconnects and exits
// Every event received is printed as one JSON line: {"event":"name","args":[...]}, every ack as
// {"ack":"a1","args":[...]}. The script exits by itself when stdin ends or after timeoutMs.

const readline = require('readline');

const [version, port, alias, naming, transport = 'any', timeoutArg = '30000'] = process.argv.slice(2);
const EVENTS = ['connect_c', 'heartbeat_c', 'register_c', 'get_topic_c', 'pull_c', 'do_push_c',
  'info_status_c', 'prove_alias_c', 'device_command_c', 'error_c', 'push', 'door_open'];

function print(line) {
  process.stdout.write(JSON.stringify(line) + '\n');
}

function connect() {
  const url = `http://127.0.0.1:${port}`;
  const options = { reconnection: false, forceNew: true };
  if (transport === 'websocket' || transport === 'polling') {
    options.transports = [transport];
  }
  if (naming === 'query') {
    options.query = { alias };
  }
  if (version === 'v2') {
    return require('sio2')(url, options);
  }
  if (version === 'v4') {
    if (naming === 'auth') {
      options.auth = { alias };
    }
    return require('sio4').io(url, options);
  }
  throw new Error(`unknown client version ${version}`);
}

const socket = connect();
const timer = setTimeout(() => {
  print({ event: 'timeout' });
  process.exit(3);
}, Number(timeoutArg));

function finish() {
  clearTimeout(timer);
  socket.close();
  print({ event: 'closed' });
  process.exit(0);
}

socket.on('connect', () => print({ event: 'connect', args: [] }));
socket.on('disconnect', (reason) => print({ event: 'disconnect', args: [String(reason)] }));
socket.on('connect_error', (error) => print({ event: 'connect_error', args: [String(error)] }));
for (const name of EVENTS) {
  socket.on(name, (...args) => print({ event: name, args }));
}

readline.createInterface({ input: process.stdin }).on('line', (text) => {
  const command = JSON.parse(text);
  if (command.close) {
    finish();
  } else if (command.raw !== undefined) {
    socket.io.engine.write(command.raw);
  } else if (command.ack !== undefined) {
    socket.emit(command.emit, ...command.args, (...args) => print({ ack: command.ack, args }));
  } else {
    socket.emit(command.emit, ...command.args);
  }
}).on('close', finish);
