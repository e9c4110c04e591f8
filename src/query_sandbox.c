/*
 * query_sandbox.c - the sandbox and the limits of a query's Lua state.
 *
 * Consumes the query options; produces a Lua state whose globals are the
 * safe subset of the standard libraries (stubs explain what is missing),
 * an allocator that counts bytes against max_memory, and a count hook
 * that ends the script after max_instructions or polgraph_query_interrupt.
 *
 * Traps this guards against (measured on Debian's Lua 5.4):
 *  - a hook that raises once is caught by pcall and the script goes on
 *    (`while true do pcall(f) end`): once spent, the hook fires on every
 *    instruction and raises again, so no Lua code of the script runs;
 *  - `('').dump` reaches string.dump through the string metatable, whose
 *    __index is the string table itself: dump is removed from that table;
 *  - a hook set on the main thread does not cover coroutines created
 *    before it: the hook fires every QUERY_HOOK_STEP instructions on every
 *    thread (a new thread inherits it) and counts into one total.
 * A C function such as string.find runs without hooks; the CPU-time
 * limit of the caller (cmd_query.c) is the last resort there.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "query_impl.h"

void *query_alloc(void *ud, void *ptr, size_t old_size, size_t new_size)
{
	struct polgraph_query *query = ud;
	size_t limit = query->options.max_memory;

	if (!ptr)
		old_size = 0; /* then old_size is the kind of object */
	if (new_size == 0) {
		free(ptr);
		query->memory_used -= old_size;
		return NULL;
	}
	if (limit && new_size > old_size &&
	    (new_size - old_size > limit ||
	     query->memory_used + (new_size - old_size) > limit)) {
		query->memory_refused = true;
		return NULL;
	}
	ptr = realloc(ptr, new_size);
	if (ptr)
		query->memory_used += new_size - old_size;
	return ptr;
}

void query_memory_message(const struct polgraph_query *query, char *out,
                          size_t size)
{
	size_t limit = query->options.max_memory;

	if (limit % (1024 * 1024) == 0)
		snprintf(out, size, "memory limit of %zu MB exceeded",
		         limit / (1024 * 1024));
	else
		snprintf(out, size, "memory limit of %zu bytes exceeded",
		         limit);
}

void query_charge(lua_State *L, size_t bytes)
{
	struct polgraph_query *query = query_of(L);
	size_t limit = query->options.max_memory;

	if (limit && query->memory_used + bytes > limit)
		lua_gc(L, LUA_GCCOLLECT);
	if (limit && query->memory_used + bytes > limit) {
		char message[96];

		query->memory_refused = true;
		query_memory_message(query, message, sizeof(message));
		luaL_error(L, "%s", message);
	}
	query->memory_used += bytes;
}

void query_uncharge(lua_State *L, size_t bytes)
{
	query_of(L)->memory_used -= bytes;
}

/* ---- files the script may write ---- */

/* Does path have a ".." component? */
static bool climbs(const char *path)
{
	for (const char *at = path; (at = strstr(at, "..")) != NULL; at += 2)
		if ((at == path || at[-1] == '/') && (at[2] == '/' || !at[2]))
			return true;
	return false;
}

/* Does path end in ".FORMAT" (or ".gv" for dot)? */
static bool has_extension(const char *path, const char *format)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash : path, '.');

	return dot && (strcmp(dot + 1, format) == 0 ||
	               (strcmp(format, "dot") == 0 && strcmp(dot, ".gv") == 0));
}

/* Is the directory of path, symbolic links resolved, the current
 * directory or below it? False with errno if it cannot be resolved. */
static bool below_current(const char *path, bool *inside)
{
	char dir[PATH_MAX], resolved[PATH_MAX], current[PATH_MAX];
	const char *slash = strrchr(path, '/');
	size_t len;

	if (strlen(path) >= sizeof(dir)) {
		errno = ENAMETOOLONG;
		return false;
	}
	if (slash) {
		memcpy(dir, path, (size_t)(slash - path) + 1);
		dir[slash - path + 1] = '\0';
	} else {
		strcpy(dir, ".");
	}
	if (!realpath(dir, resolved) || !realpath(".", current))
		return false;
	len = strlen(current);
	*inside = strncmp(resolved, current, len) == 0 &&
	          (resolved[len] == '\0' || resolved[len] == '/' ||
	           strcmp(current, "/") == 0);
	return true;
}

void query_check_write(lua_State *L, const char *method, const char *path,
                       const char *format)
{
	bool inside = false;

	if (query_of(L)->options.unsafe || strcmp(path, "-") == 0)
		return;
	if (!*path || path[strlen(path) - 1] == '/')
		luaL_error(L, "%s: no file name in '%s'", method, path);
	if (path[0] == '/' || climbs(path))
		luaL_error(L,
		           "%s: cannot write '%s': the sandbox writes only "
		           "below the current directory (a relative path "
		           "without '..'; polgraph query --unsafe lifts this)",
		           method, path);
	if (!has_extension(path, format))
		luaL_error(L,
		           "%s: cannot write '%s': in the sandbox a %s file "
		           "must end in .%s",
		           method, path, format, format);
	if (!below_current(path, &inside))
		luaL_error(L, "%s: cannot write '%s': %s", method, path,
		           strerror(errno));
	if (!inside)
		luaL_error(L,
		           "%s: cannot write '%s': its directory is outside "
		           "the current directory (through a symbolic link); "
		           "the sandbox writes only below it",
		           method, path);
}

/* ---- the count hook ---- */

/* Raises "chunk:LINE: message" at the running function: a hook has no
 * call frame of its own, so that is level 0, not luaL_error's 1. */
static void raise_here(lua_State *L, const char *message)
{
	luaL_where(L, 0);
	lua_pushstring(L, message);
	lua_concat(L, 2);
	lua_error(L);
}

static void on_count(lua_State *L, lua_Debug *ar)
{
	struct polgraph_query *query = query_of(L);
	uint64_t limit = query->options.max_instructions;
	char message[64];

	(void)ar;
	if (query->interrupted) {
		lua_sethook(L, on_count, LUA_MASKCOUNT, 1);
		raise_here(L, "interrupted");
	}
	if (!query->instructions_spent) {
		query->instructions += (uint64_t)query->hook_step;
		if (!limit || query->instructions < limit)
			return;
		query->instructions_spent = true;
	}
	/* From now on every instruction raises: pcall cannot outlast it. */
	lua_sethook(L, on_count, LUA_MASKCOUNT, 1);
	snprintf(message, sizeof(message), "instruction limit of %llu exceeded",
	         (unsigned long long)limit);
	raise_here(L, message);
}

void polgraph_query_interrupt(struct polgraph_query *query)
{
	query->interrupted = 1;
	/* lua.c does the same from its SIGINT handler. */
	lua_sethook(query->L, on_count,
	            LUA_MASKCALL | LUA_MASKRET | LUA_MASKCOUNT, 1);
}

/* ---- the sandbox ---- */

/* A stub for what the sandbox leaves out; upvalue 1 is its name. */
static int unavailable(lua_State *L)
{
	return luaL_error(L,
	                  "%s is not available in the sandbox (polgraph "
	                  "query --unsafe allows it)",
	                  lua_tostring(L, lua_upvalueindex(1)));
}

/* Sets table[field] (table at the top) to a stub named qualified. */
static void set_stub(lua_State *L, const char *field, const char *qualified)
{
	lua_pushstring(L, qualified);
	lua_pushcclosure(L, unavailable, 1);
	lua_setfield(L, -2, field);
}

/* A library table whose every field is the stub (debug, package). */
static void set_missing_library(lua_State *L, const char *name)
{
	lua_newtable(L);
	lua_newtable(L);
	lua_pushstring(L, name);
	lua_pushcclosure(L, unavailable, 1);
	lua_setfield(L, -2, "__index");
	lua_setmetatable(L, -2);
	lua_setglobal(L, name);
}

/* load with mode "t" whatever the script asks: no bytecode. */
static int safe_load(lua_State *L)
{
	int top = lua_gettop(L);

	lua_pushvalue(L, lua_upvalueindex(1)); /* the real load */
	lua_pushvalue(L, 1);
	if (top >= 2)
		lua_pushvalue(L, 2);
	else
		lua_pushnil(L);
	lua_pushliteral(L, "t");
	if (top >= 4) {
		lua_pushvalue(L, 4);
		lua_call(L, 4, LUA_MULTRET);
	} else {
		lua_call(L, 3, LUA_MULTRET);
	}
	return lua_gettop(L) - top;
}

/* io.write to stdout, returning nothing (not the file object). */
static int safe_write(lua_State *L)
{
	int count = lua_gettop(L);

	for (int i = 1; i <= count; i++) {
		size_t len;
		const char *s = luaL_checklstring(L, i, &len);

		fwrite(s, 1, len, stdout);
	}
	return 0;
}

/* require: only "polgraph" in the sandbox. */
static int safe_require(lua_State *L)
{
	const char *name = luaL_checkstring(L, 1);

	if (strcmp(name, "polgraph") != 0)
		return luaL_error(L,
		                  "require '%s' is not available in the "
		                  "sandbox (only 'polgraph' is)",
		                  name);
	lua_getglobal(L, "polgraph");
	return 1;
}

static const char *const os_kept[] = { "clock", "date", "difftime", "time" };
static const char *const os_stubbed[] = { "execute", "exit",   "getenv",
	                                  "remove",  "rename", "setlocale",
	                                  "tmpname" };
static const char *const io_stubbed[] = { "close", "input",   "lines",
	                                  "open",  "output",  "popen",
	                                  "read",  "tmpfile", "type" };

static void open_sandboxed(lua_State *L)
{
	static const luaL_Reg libraries[] = {
		{ LUA_GNAME, luaopen_base },
		{ LUA_TABLIBNAME, luaopen_table },
		{ LUA_STRLIBNAME, luaopen_string },
		{ LUA_MATHLIBNAME, luaopen_math },
		{ LUA_UTF8LIBNAME, luaopen_utf8 },
		{ LUA_COLIBNAME, luaopen_coroutine },
		{ LUA_OSLIBNAME, luaopen_os },
	};
	char qualified[32];

	for (size_t i = 0; i < sizeof(libraries) / sizeof(*libraries); i++) {
		luaL_requiref(L, libraries[i].name, libraries[i].func, 1);
		lua_pop(L, 1);
	}

	/* os: the clock and dates only. */
	lua_getglobal(L, LUA_OSLIBNAME);
	lua_newtable(L);
	for (size_t i = 0; i < sizeof(os_kept) / sizeof(*os_kept); i++) {
		lua_getfield(L, -2, os_kept[i]);
		lua_setfield(L, -2, os_kept[i]);
	}
	for (size_t i = 0; i < sizeof(os_stubbed) / sizeof(*os_stubbed); i++) {
		snprintf(qualified, sizeof(qualified), "os.%s", os_stubbed[i]);
		set_stub(L, os_stubbed[i], qualified);
	}
	lua_setglobal(L, LUA_OSLIBNAME);
	lua_pop(L, 1);

	/* io: write to stdout only. */
	lua_newtable(L);
	lua_pushcfunction(L, safe_write);
	lua_setfield(L, -2, "write");
	for (size_t i = 0; i < sizeof(io_stubbed) / sizeof(*io_stubbed); i++) {
		snprintf(qualified, sizeof(qualified), "io.%s", io_stubbed[i]);
		set_stub(L, io_stubbed[i], qualified);
	}
	lua_setglobal(L, LUA_IOLIBNAME);

	/* The string table is also the strings' __index: ('').dump. */
	lua_getglobal(L, LUA_STRLIBNAME);
	lua_pushnil(L);
	lua_setfield(L, -2, "dump");
	lua_pop(L, 1);

	lua_pushglobaltable(L);
	lua_getfield(L, -1, "load");
	lua_pushcclosure(L, safe_load, 1);
	lua_setfield(L, -2, "load");
	set_stub(L, "dofile", "dofile");
	set_stub(L, "loadfile", "loadfile");
	lua_pushcfunction(L, safe_require);
	lua_setfield(L, -2, "require");
	lua_pop(L, 1);
	set_missing_library(L, LUA_DBLIBNAME);
	set_missing_library(L, LUA_LOADLIBNAME);
}

void query_sandbox_open(struct polgraph_query *query)
{
	lua_State *L = query->L;
	uint64_t limit = query->options.max_instructions;

	if (query->options.unsafe)
		luaL_openlibs(L);
	else
		open_sandboxed(L);

	query->hook_step =
		limit && limit < QUERY_HOOK_STEP ? (int)limit : QUERY_HOOK_STEP;
	lua_sethook(L, on_count, LUA_MASKCOUNT, query->hook_step);
}
