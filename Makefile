# farmorm: one C core (shared/), two bindings (pg_ext/ for PostgreSQL via
# PGXS, sqlite_ext/ for SQLite).  The PGXS part stays at the root (see
# STYLE.md: object paths must stay below this folder).
#
#   make demo     install what is needed, build the SQLite module, show the tour
#   make test     install what is needed and run every suite
#   make sqlite   build sqlite_ext/farmorm.so
#   make && make install   build and install the PostgreSQL extension (and the
#                          SQLite module on the loader path)

EXTENSION = farmorm
EXTVERSION := $(shell sed -n "s/^default_version *= *'\(.*\)'/\1/p" farmorm.control)

CORE_SRCS = shared/buf.c shared/names.c shared/map.c shared/jsonnum.c shared/model.c \
	shared/registry.c shared/gate.c shared/dialect.c shared/genopts.c shared/naming.c \
	shared/prisma.c shared/drizzle.c shared/ddl.c shared/check.c shared/adopt.c shared/external.c
CORE_HDRS = $(wildcard shared/*.h)

# ---- PostgreSQL (PGXS) ------------------------------------------------------
MODULE_big = farmorm
OBJS = pg_ext/farmorm.o $(CORE_SRCS:.c=.o)
DATA_built = pg_ext/farmorm--$(EXTVERSION).sql
DATA = $(filter-out $(DATA_built), $(wildcard pg_ext/farmorm--*.sql))
SHLIB_LINK = -ljansson
PG_CPPFLAGS = -DFARM_VERSION='"$(EXTVERSION)"'
PG_CFLAGS = -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers -Werror
EXTRA_CLEAN = sqlite_ext/farmorm.so build
# pg_regress files (sql/ + expected/); tests/pg/run.sh runs them with
# `make installcheck` against its throwaway cluster
REGRESS = functions register add_table migrate generate_sql prisma generate_drizzle errors gate search_path privileges injection forged cache damaged check adopt external_tables shadow_sql discard_pending
REGRESS_OPTS = --inputdir=. --encoding=UTF8

PG_CONFIG ?= pg_config
# PGXS only when the server headers are installed (pg_config alone comes with
# libpq-dev): `make demo` needs nothing of PostgreSQL
PGXS := $(wildcard $(shell $(PG_CONFIG) --pgxs 2>/dev/null))
ifneq ($(PGXS),)
include $(PGXS)
else
all: sqlite
clean:
	rm -rf $(EXTRA_CLEAN) shared/*.o pg_ext/*.o
endif

# farm_version() is compiled in: a version bump rebuilds the binding.
# PGXS knows no header dependencies: every object depends on the core's
# headers, or a changed struct leaves stale objects in the module.
pg_ext/farmorm.o: farmorm.control
$(OBJS): $(CORE_HDRS)

pg_ext/farmorm--$(EXTVERSION).sql: pg_ext/farmorm.sql.in farmorm.control
	sed 's/@EXTVERSION@/$(EXTVERSION)/g' $< > $@

# ---- SQLite -----------------------------------------------------------------
CC ?= cc
WARN = -std=gnu99 -Wall -Wextra -Werror -Wmissing-prototypes \
	-Wdeclaration-after-statement -Werror=vla -Wmissing-format-attribute
SQLITE_CFLAGS = -O2 -g -fPIC -fvisibility=hidden $(WARN) -DFARM_VERSION='"$(EXTVERSION)"'
# `.load farmorm` dlopen()s "farmorm" / "farmorm.so" by bare name, which only
# the loader's default directories satisfy (ld.so.cache lists lib*.so only)
SQLITE_LIBDIR ?= $(shell d=/usr/lib/$$(gcc -print-multiarch 2>/dev/null); [ -n "$$(gcc -print-multiarch 2>/dev/null)" ] && [ -d "$$d" ] && echo "$$d" || echo /usr/lib)

.PHONY: sqlite install-sqlite deps-demo deps-test demo test unit-test \
	unit-test-san sqlite-test sqlite-valgrind prisma-test drizzle-test pg-test gate-test bench fuzz

sqlite: sqlite_ext/farmorm.so

sqlite_ext/farmorm.so: sqlite_ext/farmorm.c $(CORE_SRCS) $(CORE_HDRS) farmorm.control
	$(CC) $(SQLITE_CFLAGS) -shared -o $@ sqlite_ext/farmorm.c $(CORE_SRCS) -ljansson

install-sqlite: sqlite
	install -d $(DESTDIR)$(SQLITE_LIBDIR)
	install -m 755 sqlite_ext/farmorm.so $(DESTDIR)$(SQLITE_LIBDIR)/farmorm.so

install: install-sqlite

deps-demo:
	tools/install-deps.sh demo

deps-test:
	tools/install-deps.sh test

# ---- The two commands ---------------------------------------------------------
demo: deps-demo sqlite
	@tools/demo.sh

test: deps-test
	$(MAKE) unit-test unit-test-san fuzz sqlite-test sqlite-valgrind prisma-test drizzle-test pg-test gate-test
	@echo "all suites passed"

# ---- Suites -----------------------------------------------------------------
UNIT_TESTS = $(patsubst tests/unit/%.c,%,$(filter-out tests/unit/unit.c,$(wildcard tests/unit/test_*.c)))

build/unit/%: tests/unit/%.c tests/unit/unit.h $(CORE_SRCS) $(CORE_HDRS)
	@mkdir -p build/unit
	$(CC) -O1 -g $(WARN) -Ishared -DFARM_VERSION='"$(EXTVERSION)"' -o $@ $< $(CORE_SRCS) -ljansson

build/unit-san/%: tests/unit/%.c tests/unit/unit.h $(CORE_SRCS) $(CORE_HDRS)
	@mkdir -p build/unit-san
	$(CC) -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
		$(WARN) -Ishared -DFARM_VERSION='"$(EXTVERSION)"' -o $@ $< $(CORE_SRCS) -ljansson

unit-test: $(addprefix build/unit/,$(UNIT_TESTS))
	@for t in $^; do echo "== $$t"; ./$$t || exit 1; done

unit-test-san: $(addprefix build/unit-san/,$(UNIT_TESTS))
	@for t in $^; do echo "== $$t (ASan+UBSan)"; ASAN_OPTIONS=detect_leaks=1 ./$$t || exit 1; done

# the scripts through the real sqlite3, then many processes at once and
# processes killed mid-migration
sqlite-test: sqlite
	tests/sqlite/run.sh
	tests/sqlite/concurrency.sh
	tests/sqlite/crash.sh

# the scripts again with every sqlite3 under valgrind (memcheck): any error
# fails the script (exit status 99 is reported by run.sh)
sqlite-valgrind: sqlite
	FARM_VALGRIND=1 tests/sqlite/run.sh

prisma-test: sqlite
	tests/prisma/run.sh

drizzle-test: sqlite
	tests/drizzle/run.sh

# builds and installs the extension (into the server's directories: run as
# root or a user who may write there), then runs every PostgreSQL step
# against a throwaway cluster; tests/pg/run.sh <step> runs one
pg-test: all sqlite
	$(MAKE) install
	@cd / && [ "$$(sqlite3 :memory: '.load farmorm' 'SELECT farm_version()')" = "$(EXTVERSION)" ] \
		&& echo "ok   .load farmorm works from any directory after make install"
	tests/pg/run.sh

# the generative gate test (tests/gate/): random registries from a fixed seed
# registered on SQLite and PostgreSQL, migrated on both, Prisma output
# validated for three providers, zero drift on both hosts.  GATE_SEED /
# GATE_COUNT pick the run (tests/gate/run.sh --seed 7 --count 2000 is a
# longer one).  Like pg-test it installs into the server's directories and
# must run under /tmp/farmorm-pg.lock (make test is run under it).
GATE_SEED ?= 1
GATE_COUNT ?= 200
GATE_FIRST ?= 0
gate-test: all sqlite
	FARMORM_PG_LOCKED=1 tests/gate/run.sh --seed $(GATE_SEED) --first $(GATE_FIRST) --count $(GATE_COUNT)

bench: sqlite
	tests/bench/run.sh

# ---- Fuzzing (libFuzzer + ASan/UBSan; a short run is part of `make test`) ----
FUZZ_SECONDS ?= 20
build/fuzz_definition: tests/fuzz/fuzz_definition.c $(CORE_SRCS) $(CORE_HDRS)
	@mkdir -p build
	clang -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-Ishared -o $@ $< $(CORE_SRCS) -ljansson

fuzz: build/fuzz_definition
	@mkdir -p build/fuzz-corpus
	@./build/fuzz_definition -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
		-dict=tests/fuzz/definition.dict build/fuzz-corpus tests/fuzz/corpus \
		> build/fuzz.log 2>&1 || { tail -60 build/fuzz.log; exit 1; }
	@tail -1 build/fuzz.log
