/*
 * check.h - the unit-test harness: table rows go through CHECK_* macros
 * that print the failing row and keep going; main returns check_done().
 * Output ends with "N passed, N failed".
 */
#ifndef POLGRAPH_CHECK_H
#define POLGRAPH_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_passed, check_failed;

#define CHECK(cond, ...)                                                       \
	do {                                                                   \
		if (cond) {                                                    \
			check_passed++;                                        \
		} else {                                                       \
			check_failed++;                                        \
			fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, \
			        __LINE__, #cond);                              \
			fprintf(stderr, __VA_ARGS__);                          \
			fputc('\n', stderr);                                   \
		}                                                              \
	} while (0)

#define CHECK_INT(got, want, label)                                            \
	do {                                                                   \
		long long check_got_ = (long long)(got);                       \
		long long check_want_ = (long long)(want);                     \
		CHECK(check_got_ == check_want_, "%s: got %lld, want %lld",    \
		      (label), check_got_, check_want_);                       \
	} while (0)

#define CHECK_STR(got, want, label)                                            \
	do {                                                                   \
		const char *check_got_ = (got);                                \
		const char *check_want_ = (want);                              \
		CHECK((check_got_ == NULL && check_want_ == NULL) ||           \
		              (check_got_ && check_want_ &&                    \
		               strcmp(check_got_, check_want_) == 0),          \
		      "%s: got \"%s\", want \"%s\"", (label),                  \
		      check_got_ ? check_got_ : "(null)",                      \
		      check_want_ ? check_want_ : "(null)");                   \
	} while (0)

static inline int check_done(void)
{
	printf("%d passed, %d failed\n", check_passed, check_failed);
	return check_failed ? 1 : 0;
}

#endif
