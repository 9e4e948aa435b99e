'use strict';
// The emulator's Node.js Lambda runtime: loads one handler, then serves invocations read as JSON
// lines on stdin and answers with JSON lines on stdout. Only this file writes to the real stdout:
// console.* and any stray write to stdout/stderr travel as "log" messages, so a handler's output
// can never corrupt the protocol. Behaviour follows AWS's Node.js runtime interface client.
const fs = require('fs');
const path = require('path');
const readline = require('readline');
const util = require('util');
const { pathToFileURL } = require('url');

const protocolWrite = process.stdout.write.bind(process.stdout);
function send(message) {
  protocolWrite(JSON.stringify(message) + '\n');
}

let current = null; // the invocation in progress: { id, done }

function logLine(level, args) {
  const id = current ? current.id : 'undefined';
  send({ type: 'log', text: `${new Date().toISOString()}\t${id}\t${level}\t${util.format(...args)}\n` });
}
console.log = (...a) => logLine('INFO', a);
console.info = (...a) => logLine('INFO', a);
console.warn = (...a) => logLine('WARN', a);
console.error = (...a) => logLine('ERROR', a);
console.debug = (...a) => logLine('DEBUG', a);
console.trace = (...a) => logLine('TRACE', a);
for (const stream of [process.stdout, process.stderr]) {
  stream.write = (chunk, encoding, cb) => {
    send({ type: 'log', text: Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk) });
    const callback = typeof encoding === 'function' ? encoding : cb;
    if (typeof callback === 'function') process.nextTick(callback);
    return true;
  };
}

// AWS's shape for an error payload (errorType, errorMessage, trace).
function toErrorPayload(error) {
  try {
    if (util.types.isNativeError(error) || (error instanceof Object && typeof error.message === 'string' && typeof error.stack === 'string')) {
      return {
        errorType: error.name,
        errorMessage: error.message,
        trace: String(error.stack).split('\n'),
      };
    }
    return { errorType: typeof error, errorMessage: String(error), trace: [] };
  } catch (_e) {
    return {
      errorType: 'handled',
      errorMessage: 'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
    };
  }
}

function runtimeError(errorType, errorMessage, cause) {
  const stack = cause && cause.stack ? String(cause.stack).split('\n') : [];
  return { errorType, errorMessage, trace: [`${errorType}: ${errorMessage}`, ...stack.slice(1)] };
}

function isEsmPackage(dir, root) {
  for (let d = dir; d.startsWith(root); d = path.dirname(d)) {
    const pkg = path.join(d, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        return JSON.parse(fs.readFileSync(pkg, 'utf8')).type === 'module';
      } catch (_e) {
        return false;
      }
    }
    if (d === path.dirname(d)) break;
  }
  return false;
}

async function loadModule(taskRoot, modulePath, moduleName) {
  const importEsm = (file) => import(pathToFileURL(file).href);
  if (fs.existsSync(modulePath + '.mjs')) return importEsm(modulePath + '.mjs');
  if (fs.existsSync(modulePath + '.cjs')) return require(modulePath + '.cjs');
  if (fs.existsSync(modulePath + '.js')) {
    const file = modulePath + '.js';
    if (isEsmPackage(path.dirname(file), taskRoot)) return importEsm(file);
    try {
      return require(file);
    } catch (e) {
      if (e && e.code === 'ERR_REQUIRE_ESM') return importEsm(file);
      throw e;
    }
  }
  try {
    return require(modulePath);
  } catch (e) {
    if (e && e.code === 'MODULE_NOT_FOUND') {
      throw { payload: runtimeError('Runtime.ImportModuleError', `Error: Cannot find module '${moduleName}'`, e) };
    }
    throw e;
  }
}

// "dir/module.fn.nested" as the Lambda runtime splits it.
async function loadHandler(taskRoot, handlerString) {
  const base = path.basename(handlerString);
  const match = base.match(/^([^.]*)\.(.*)$/);
  if (!match) throw { payload: runtimeError('Runtime.MalformedHandlerName', 'Bad handler') };
  const [, moduleName, functionPath] = match;
  const modulePath = path.resolve(taskRoot, path.dirname(handlerString), moduleName);
  let module;
  try {
    module = await loadModule(taskRoot, modulePath, moduleName);
  } catch (e) {
    if (e && e.payload) throw e;
    if (e instanceof SyntaxError) {
      throw { payload: runtimeError('Runtime.UserCodeSyntaxError', `SyntaxError: ${e.message}`, e) };
    }
    throw { payload: toErrorPayload(e) };
  }
  let fn = module;
  for (const key of functionPath.split('.')) fn = fn == null ? undefined : fn[key];
  if (fn === undefined && module && module.default) {
    fn = module.default;
    for (const key of functionPath.split('.')) fn = fn == null ? undefined : fn[key];
  }
  if (fn === undefined) throw { payload: runtimeError('Runtime.HandlerNotFound', `${base} is undefined or not exported`) };
  if (typeof fn !== 'function') throw { payload: runtimeError('Runtime.HandlerNotFound', `${base} is not a function`) };
  return fn;
}

function finish(invocation, message) {
  if (invocation.done) {
    logLine('WARN', ['Invocation has already been reported as done. Cannot call complete more than once per invocation.']);
    return;
  }
  invocation.done = true;
  if (current === invocation) current = null;
  send({ type: 'result', id: invocation.id, ...message });
}

function succeed(invocation, result) {
  let json;
  try {
    json = JSON.stringify(result === undefined ? null : result);
  } catch (e) {
    finish(invocation, { ok: false, error: runtimeError('Runtime.MarshalError', 'Unable to stringify response body', e) });
    return;
  }
  finish(invocation, { ok: true, payload: json === undefined ? 'null' : json });
}

function fail(invocation, error) {
  finish(invocation, { ok: false, error: toErrorPayload(error) });
}

// With neither a promise nor a callback, Lambda answers null once the event loop is empty.
function whenEventLoopDrained(baseline, invocation, then) {
  const counts = (list) => list.reduce((m, k) => m.set(k, (m.get(k) || 0) + 1), new Map());
  const base = counts(baseline);
  const check = () => {
    if (invocation.done) return;
    const now = counts(process.getActiveResourcesInfo());
    const busy = [...now].some(([k, n]) => n > (base.get(k) || 0));
    if (busy) setTimeout(check, 5).unref();
    else then();
  };
  setTimeout(check, 5).unref();
}

function invoke(handler, request) {
  const invocation = { id: request.id, done: false };
  current = invocation;
  let event;
  try {
    event = JSON.parse(request.event);
  } catch (e) {
    fail(invocation, e);
    return;
  }
  const callback = (err, result) => (err !== undefined && err !== null ? fail(invocation, err) : succeed(invocation, result));
  const c = request.context;
  const context = {
    functionName: c.functionName,
    functionVersion: c.functionVersion,
    invokedFunctionArn: c.invokedFunctionArn,
    memoryLimitInMB: c.memoryLimitInMB,
    awsRequestId: request.id,
    logGroupName: c.logGroupName,
    logStreamName: c.logStreamName,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, request.deadlineMs - Date.now()),
    done: callback,
    succeed: (result) => callback(null, result),
    fail: (err) => callback(err === undefined || err === null ? 'handled' : err),
  };
  const baseline = process.getActiveResourcesInfo();
  let returned;
  try {
    returned = handler(event, context, callback);
  } catch (e) {
    fail(invocation, e);
    return;
  }
  if (returned && typeof returned.then === 'function') {
    returned.then((r) => succeed(invocation, r), (e) => fail(invocation, e));
  } else {
    whenEventLoopDrained(baseline, invocation, () => succeed(invocation, null));
  }
}

// Both end the process, as in Lambda; "fatal" tells the emulator not to reuse it.
process.on('uncaughtException', (error) => {
  if (current) finish(current, { ok: false, fatal: true, error: toErrorPayload(error) });
  else logLine('ERROR', ['Uncaught Exception', error]);
  process.exit(129);
});
process.on('unhandledRejection', (reason) => {
  const message = reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
  const payload = runtimeError('Runtime.UnhandledPromiseRejection', message, reason instanceof Error ? reason : null);
  if (current) finish(current, { ok: false, fatal: true, error: payload });
  else logLine('ERROR', ['Unhandled Promise Rejection', reason]);
  process.exit(128);
});

async function main() {
  const taskRoot = process.env.LAMBDA_TASK_ROOT;
  const handlerString = process.env._HANDLER;
  let handler;
  try {
    handler = await loadHandler(taskRoot, handlerString);
  } catch (e) {
    send({ type: 'initError', error: e && e.payload ? e.payload : toErrorPayload(e) });
    return;
  }
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on('line', (line) => {
    if (line.trim() === '') return;
    invoke(handler, JSON.parse(line));
  });
  lines.on('close', () => process.exit(0));
  send({ type: 'ready' });
}

main();
