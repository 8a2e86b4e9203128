/* Copy to the terminal's clipboard with OSC 52 (works over ssh and in tmux). */
#ifndef BERTH_CLIP_H
#define BERTH_CLIP_H

#include <stddef.h>

/* At most this many bytes are copied (terminals cap OSC 52 near 100 kB
 * of base64); longer text is cut at a character boundary. */
#define CLIP_MAX (64u << 10)

/* Base64 (RFC 4648, padded) of in[0..len) into out, NUL-terminated, which
 * must hold 4 * ((len + 2) / 3) + 1 bytes. Returns its length. Pure. */
size_t clip_base64(const unsigned char *in, size_t len, char *out);

/*
 * Put text[0..len) (engine data: only its base64 is written) on the
 * clipboard: ESC ] 52 ; c ; BASE64 BEL, written to fd straight, outside
 * curses' buffer (call it between screen updates, e.g. from a key
 * handler: curses has flushed then). tmux passes it on to the outer
 * terminal when its `set-clipboard` option is on. Returns the bytes
 * copied (cut to CLIP_MAX), or -1 if the write failed. UI thread.
 */
long clip_osc52(int fd, const char *text, size_t len);

#endif
