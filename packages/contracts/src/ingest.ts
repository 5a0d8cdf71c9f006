// The reply of `POST /v1/events` (SPEC §1).
export interface RejectedEvent {
  index: number;
  id?: string;
  error: string;
}

export interface IngestReply {
  accepted: number;
  duplicates: number;
  rejected: RejectedEvent[];
}
