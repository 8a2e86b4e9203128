/* OSC 52: base64 of the text in one write, no program run. */
#include "tui/clip.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xmalloc.h"

size_t
clip_base64(const unsigned char *in, size_t len, char *out)
{
	static const char tab[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t o = 0, i;

	for (i = 0; i + 2 < len; i += 3) {
		unsigned v = (unsigned)in[i] << 16 | (unsigned)in[i + 1] << 8 | in[i + 2];
		out[o++] = tab[v >> 18 & 63];
		out[o++] = tab[v >> 12 & 63];
		out[o++] = tab[v >> 6 & 63];
		out[o++] = tab[v & 63];
	}
	if (i < len) {
		unsigned v = (unsigned)in[i] << 16 | (i + 1 < len ? (unsigned)in[i + 1] << 8 : 0);
		out[o++] = tab[v >> 18 & 63];
		out[o++] = tab[v >> 12 & 63];
		out[o++] = i + 1 < len ? tab[v >> 6 & 63] : '=';
		out[o++] = '=';
	}
	out[o] = '\0';
	return o;
}

long
clip_osc52(int fd, const char *text, size_t len)
{
	static const char head[] = "\033]52;c;";
	char *seq;
	size_t n, off = 0;

	if (len > CLIP_MAX) {
		len = CLIP_MAX;
		/* not inside a UTF-8 character */
		while (len > 0 && ((unsigned char)text[len] & 0xc0) == 0x80)
			len--;
	}
	seq = xmalloc(sizeof head + 4 * ((len + 2) / 3) + 2);
	memcpy(seq, head, sizeof head - 1);
	n = sizeof head - 1;
	n += clip_base64((const unsigned char *)text, len, seq + n);
	seq[n++] = '\a';
	fflush(stdout);
	while (off < n) {
		ssize_t w = write(fd, seq + off, n - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			free(seq);
			return -1;
		}
		off += (size_t)w;
	}
	free(seq);
	return (long)len;
}
