// Inlined into both pages (vite-plugins/early-paint-plugin.ts; CSP allows it by its hash only). It runs while the
// HTML is parsed, before any module has arrived: it asks for the snapshot at once (Electron: the preload's API;
// the web preview: the contract WebSocket, handed over to the bridge later) and paints the track's title into
// the page's skeleton (#early-paint), which the app removes when it renders its own first state.
(() => {
  // `frames`: what the socket brought before the bridge adopted it; `replied`: the raw reply (undefined if none came).
  let settle = () => undefined;
  // `push`/`unlisten` (Electron): the newest state main pushed before the bridge listened, and how to stop listening.
  const early = { socket: null, adopted: false, frames: [], reply: undefined, replied: new Promise((resolve) => (settle = resolve)), snapshot: null, value: null, push: null, unlisten: null };
  Object.defineProperty(window, '__trayplayEarly', { value: early });
  // The same User Timing marks as the bridge's (renderer/bridge/boot-marks.ts): each is kept once, so these win.
  const mark = (name) => performance.getEntriesByName(name, 'mark').length > 0 || performance.mark(name);
  const paint = (reply) => {
    const playing = reply && reply.ok === true && reply.value && reply.value.playback ? reply.value.playback.nowPlaying : null;
    if (!playing || playing.kind !== 'item') return;
    const item = playing.item;
    const text = {
      title: item.name.trim() || 'Untitled',
      subtitle: item.type === 'track' ? (item.artists.length > 0 ? item.artists.join(', ') : 'Unknown artist') : item.show.trim() || 'Podcast',
      detail: item.type === 'track' ? item.album.trim() || (item.isLocal ? 'Local file' : '') : 'Podcast episode',
      device: (playing.isPlaying ? 'Playing on ' : 'Paused on ') + playing.device.name,
    };
    const fill = () => {
      const skeleton = document.getElementById('early-paint');
      if (skeleton === null) return;
      const mode = reply.value.preferences && reply.value.preferences.mini ? reply.value.preferences.mini.sizeMode : 'compact';
      // The mini-player's skeleton is laid out as its compact/expanded modes only.
      if (skeleton.dataset.page === 'mini' && mode !== 'compact' && mode !== 'expanded') return;
      for (const node of skeleton.querySelectorAll('[data-early]')) {
        node.textContent = text[node.dataset.early] || '';
        node.hidden = node.textContent === '';
      }
      skeleton.hidden = false;
      mark('trayplay:early-painted');
    };
    try {
      if (document.getElementById('early-paint') !== null) fill();
      else document.addEventListener('readystatechange', fill, { once: true });
    } catch {
      // A malformed reply only costs the early paint: the bridge checks it and says what is wrong.
    }
  };
  // Electron's preload checks its replies: kept as they are. The web reply is checked by the bridge.
  const keep = (reply) => {
    early.value = reply;
    paint(reply);
  };
  if (window.trayplay !== undefined) {
    // ipcRenderer drops a push nobody listens to: listen from now on, keeping the newest, until the bridge does.
    early.unlisten = window.trayplay.app.onState((state) => {
      if (early.push === null || state.rev > early.push.rev) early.push = state;
    });
    mark('trayplay:state-requested');
    early.snapshot = window.trayplay.app.getState();
    early.snapshot.then((reply) => (mark('trayplay:state-received'), keep(reply)), () => undefined);
    settle(undefined);
    return;
  }
  try {
    const key = new URLSearchParams(location.hash.slice(1)).get('key');
    const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/contract${key ? `?key=${encodeURIComponent(key)}` : ''}`);
    early.socket = socket;
    // Listeners, not handler properties: the bridge's transport sets those when it adopts the socket.
    socket.addEventListener('open', () => {
      mark('trayplay:state-requested');
      socket.send('{"t":"call","id":0,"ch":"app:getState"}');
    });
    socket.addEventListener('close', () => settle(undefined));
    socket.addEventListener('message', (event) => {
      if (!early.adopted) early.frames.push(event.data);
      if (early.reply !== undefined || typeof event.data !== 'string' || !event.data.includes('"id":0')) return;
      try {
        const frame = JSON.parse(event.data);
        if (frame.t === 'reply' && frame.id === 0) {
          early.reply = frame.r;
          mark('trayplay:state-received');
          settle(frame.r);
          paint(frame.r);
        }
      } catch {
        // The bridge checks every frame; a bad one only costs the early paint.
      }
    });
  } catch {
    early.socket = null;
    settle(undefined);
  }
})();
