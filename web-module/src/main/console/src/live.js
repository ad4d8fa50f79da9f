// One WebSocket per tab to /api/parser/websocket, shared by every screen: a single-use ticket for the
// handshake (a browser cannot set headers on a WebSocket), the tenant's events from then on, and on a
// reconnect a resume after the last job event this tab had, so no change is missed.
import { api } from './api.js';

const listeners = new Set();
const statusListeners = new Set();
let socket = null;
let status = 'offline';
let lastEventId = null;
let retries = 0;
let retryTimer = null;
let wanted = false;
let commandId = 0;

function setStatus(next) {
  status = next;
  statusListeners.forEach((listener) => listener(next));
}

/** Calls listener(message) for every event and notification; answers the function that stops it. */
export function onLive(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Calls listener('connecting' | 'live' | 'offline' | 'refused') now and on every change. */
export function onLiveStatus(listener) {
  statusListeners.add(listener);
  listener(status);
  return () => statusListeners.delete(listener);
}

export function liveStatus() {
  return status;
}

/** Opens the connection (again after a drop) until stop() is called. */
export async function start() {
  wanted = true;
  if (socket || retryTimer) return;
  setStatus('connecting');
  let ticket;
  try {
    ticket = (await api('/websocket/ticket', { method: 'POST' })).ticket;
  } catch (problem) {
    if (problem.status === 401 || problem.status === 403) {
      setStatus('refused');
      return;
    }
    scheduleRetry();
    return;
  }
  if (!wanted) return;
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = new WebSocket(`${scheme}//${location.host}/api/parser/websocket?ticket=${encodeURIComponent(ticket)}`);
  socket = ws;
  ws.onopen = () => {
    retries = 0;
    const subscribe = { type: 'subscribe', id: String(++commandId), scope: 'tenant' };
    if (lastEventId) subscribe.afterEventId = lastEventId;
    ws.send(JSON.stringify(subscribe));
  };
  ws.onmessage = (frame) => {
    let message;
    try {
      message = JSON.parse(frame.data);
    } catch {
      return;
    }
    if (message.type === 'ack') {
      setStatus('live');
      return;
    }
    if (message.id && message.seq !== undefined) lastEventId = message.id;
    listeners.forEach((listener) => listener(message));
  };
  ws.onclose = (event) => {
    socket = null;
    if (!wanted) {
      setStatus('offline');
      return;
    }
    if (event.code === 4003) {
      setStatus('refused');
      return;
    }
    scheduleRetry();
  };
}

function scheduleRetry() {
  setStatus('offline');
  const delay = Math.min(1000 * 2 ** retries, 15_000) * (0.75 + Math.random() / 2);
  retries++;
  retryTimer = setTimeout(() => {
    retryTimer = null;
    if (wanted) start();
  }, delay);
}

/** Closes the connection for good (sign-out). */
export function stop() {
  wanted = false;
  lastEventId = null;
  clearTimeout(retryTimer);
  retryTimer = null;
  if (socket) socket.close(1000, 'signed out');
  socket = null;
  setStatus('offline');
}
