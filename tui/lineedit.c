/* Line editing for prompts: append, backspace by UTF-8 character, clear. */
#include "tui/lineedit.h"

#include <curses.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

enum lineedit_result
lineedit_edit(char *text, size_t size, int code, bool func)
{
	size_t len = strlen(text);

	if ((!func && (code == '\r' || code == '\n')) || (func && code == KEY_ENTER))
		return LINEEDIT_DONE;
	if (!func && code == 27)
		return LINEEDIT_CANCEL;
	if ((func && code == KEY_BACKSPACE) || (!func && (code == 127 || code == 8))) {
		while (len > 0) {
			len--;
			if (((unsigned char)text[len] & 0xC0) != 0x80)
				break;
		}
		text[len] = '\0';
	} else if (!func && code == 21) {	/* Ctrl-U */
		text[0] = '\0';
	} else if (!func && code >= 32 && code != 127) {
		char mb[MB_LEN_MAX];
		mbstate_t ps;
		size_t n;

		memset(&ps, 0, sizeof ps);
		n = wcrtomb(mb, (wchar_t)code, &ps);
		if (n != (size_t)-1 && len + n < size) {
			memcpy(text + len, mb, n);
			text[len + n] = '\0';
		}
	}
	return LINEEDIT_EDITING;
}

void
lineedit_start(struct lineedit *e, const char *initial)
{
	snprintf(e->text, sizeof e->text, "%s", initial != NULL ? initial : "");
	e->active = true;
}

enum lineedit_result
lineedit_key(struct lineedit *e, int code, bool func)
{
	enum lineedit_result r = lineedit_edit(e->text, sizeof e->text, code, func);

	if (r != LINEEDIT_EDITING)
		e->active = false;
	return r;
}

bool
lineedit_filter(char *text, size_t size, int code, bool func)
{
	switch (lineedit_edit(text, size, code, func)) {
	case LINEEDIT_DONE:
		return false;
	case LINEEDIT_CANCEL:
		text[0] = '\0';	/* Esc drops the filter, as outside editing */
		return false;
	case LINEEDIT_EDITING:
		break;
	}
	return true;
}

size_t
lineedit_complete(const char *const *cands, size_t n, const char *prefix,
    char *common, size_t size)
{
	size_t plen = strlen(prefix), matches = 0, clen = 0;
	const char *first = NULL;

	for (size_t i = 0; i < n; i++) {
		if (strncmp(cands[i], prefix, plen) != 0)
			continue;
		if (matches++ == 0) {
			first = cands[i];
			clen = strlen(first);
			continue;
		}
		size_t k = 0;
		while (k < clen && cands[i][k] == first[k])
			k++;
		clen = k;
	}
	if (matches > 0 && size > 0) {
		if (clen >= size)
			clen = size - 1;
		memcpy(common, first, clen);
		common[clen] = '\0';
	}
	return matches;
}

void
lineedit_history_add(struct lineedit_history *h, const char *text)
{
	if (text[0] == '\0' || (h->n > 0 && strcmp(h->items[h->n - 1], text) == 0))
		return;
	if (h->n == LINEEDIT_HISTORY_MAX) {
		memmove(h->items[0], h->items[1], sizeof h->items[0] * (LINEEDIT_HISTORY_MAX - 1));
		h->n--;
	}
	snprintf(h->items[h->n++], sizeof h->items[0], "%s", text);
}

const char *
lineedit_history_at(const struct lineedit_history *h, int pos)
{
	if (pos < 0 || pos >= h->n)
		return NULL;
	return h->items[h->n - 1 - pos];
}
