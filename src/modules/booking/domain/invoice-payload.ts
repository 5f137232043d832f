/** The invoice's payload: the booking id, which is all a pre-checkout query and a payment carry back. */
export function invoicePayload(bookingId: number): string {
  return String(bookingId);
}

export function bookingIdOfPayload(payload: string): number | undefined {
  return /^\d{1,15}$/.test(payload) ? Number(payload) : undefined;
}
