/**
 * The largest photo and file anyone uploads to the relay — an agent to send, a web chat visitor to send: photos as
 * LINE takes them (≤ 10 MB), files up to 25 MB (each also within RELAY_MEDIA_MAX_FILE_BYTES). No zod here: the
 * web chat widget bundles this.
 */
export const MAX_UPLOAD_BYTES = { image: 10 * 1024 * 1024, file: 25 * 1024 * 1024 } as const;
