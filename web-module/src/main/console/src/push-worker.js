// The console's service worker: shows the Web Push notifications the API sends (the payload is the
// live notification message) and opens the job when one is clicked.
self.addEventListener('push', (event) => {
  let message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch {
    message = {};
  }
  const n = message.notification ?? {};
  event.waitUntil(
    self.registration.showNotification(n.title || 'File Parser', {
      body: n.message || '',
      tag: n.id,
      data: { jobId: n.jobId },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const jobId = event.notification.data?.jobId;
  const target = new URL(jobId ? `./#/jobs/${encodeURIComponent(jobId)}` : './#/notifications', self.registration.scope).href;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => w.url.startsWith(self.registration.scope));
      if (open) return open.navigate(target).then((w) => w?.focus());
      return self.clients.openWindow(target);
    }),
  );
});
