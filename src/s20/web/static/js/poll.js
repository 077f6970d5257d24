// Live pages: run a refresh every few seconds while the page is visible.

/** Run `refresh` now, every `ms` while the tab is visible, and when it becomes visible. */
export function poll(refresh, ms = 3000) {
  let timer = null;
  let stopped = false;
  let busy = false; // one refresh at a time: a tick while one runs leaves it to that one
  const tick = async () => {
    clearTimeout(timer);
    if (stopped || busy) return;
    busy = true;
    try {
      if (!document.hidden) await refresh();
    } catch {
      // The page shows its own errors; a lost session is handled by the shell.
    } finally {
      busy = false;
    }
    if (!stopped) timer = setTimeout(tick, ms);
  };
  const onVisible = () => {
    if (!document.hidden) tick();
  };
  document.addEventListener("visibilitychange", onVisible);
  tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
    document.removeEventListener("visibilitychange", onVisible);
  };
}

/** Combine stop functions into one. */
export function stopAll(...stops) {
  return () => stops.forEach((stop) => stop && stop());
}

/** Return a function that calls `draw(data)` only when `data` differs from the last time. */
export function onChange(draw) {
  let last = null;
  return (data) => {
    const signature = JSON.stringify(data);
    if (signature === last) return;
    last = signature;
    draw(data);
  };
}
