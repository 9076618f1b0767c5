# Veiviser: veiviser-build and veiviser-play.
# Sources are found by wildcard, so a new module is just a new .c file.

BUILD     ?= build
PREFIX    ?= /usr/local
DESTDIR   ?=
CC        ?= cc
SANITIZE  ?=

PKGS_COMMON  := libxml-2.0 libarchive libsodium
PKGS_BUILDER := $(PKGS_COMMON) libavformat libavcodec libavutil
PKGS_PLAYER  := $(PKGS_COMMON) libavformat libavcodec libavutil libswscale \
                libswresample sdl2 SDL2_ttf fribidi libunibreak zlib libjpeg
PKGS_ALL     := $(sort $(PKGS_BUILDER) $(PKGS_PLAYER))

# Ask pkg-config once; when a module is missing, install-deps is the fix.
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS_ALL) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS_ALL) 2>/dev/null)

WARN    := -Wall -Wextra -Wshadow -Wvla -Wformat=2 -Wwrite-strings \
           -Wstrict-prototypes -Wmissing-prototypes
ifeq ($(CI),true)
WARN    += -Werror
endif
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -D_GNU_SOURCE $(WARN) -MMD -MP -I. -pthread \
           -DVV_VERSION='"$(VERSION)"' -DVV_DATADIR='"$(PREFIX)/share/veiviser"' \
           -DVV_LOCALEDIR='"$(PREFIX)/share/locale"' $(PKG_CFLAGS)
# --as-needed: veiviser-build does not load SDL, the player not gettextpo.
LDFLAGS += -Wl,--as-needed
LDLIBS  += $(PKG_LIBS) -lgettextpo -lm -pthread
ifneq ($(SANITIZE),)
CFLAGS  += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer
LDFLAGS += -fsanitize=$(SANITIZE)
endif

VERSION := 0.1.0

COMMON_SRC  := $(wildcard common/*.c)
BUILDER_SRC := $(filter-out builder/main.c,$(wildcard builder/*.c))
PLAYER_SRC  := $(filter-out player/main.c,$(wildcard player/*/*.c player/*.c))
UNIT_SRC    := $(wildcard tests/unit/test_*.c)

obj = $(patsubst %.c,$(BUILD)/obj/%.o,$(1))

COMMON_OBJ  := $(call obj,$(COMMON_SRC))
BUILDER_OBJ := $(call obj,$(BUILDER_SRC))
PLAYER_OBJ  := $(call obj,$(PLAYER_SRC))
UNIT_BIN    := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))

LOCALE_PO := $(wildcard locales/*.po)
LOCALE_MO := $(patsubst locales/%.po,$(BUILD)/locale/%/LC_MESSAGES/veiviser.mo,$(LOCALE_PO))

PROGRAMS := $(BUILD)/veiviser-build
ifneq ($(wildcard player/main.c),)
PROGRAMS += $(BUILD)/veiviser-play
endif

.PHONY: all deps check check-long demo install clean fuzz bench bench-builder \
        bench-player bench-player-video
all: $(PROGRAMS) $(LOCALE_MO)

# Install missing Debian packages when pkg-config cannot find a module.
deps:
	@pkg-config --exists $(PKGS_ALL) && [ -f /usr/include/gettext-po.h ] \
	  || ./scripts/install-deps

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

# pack.c embeds the schema with .incbin; -MMD cannot see that.
$(BUILD)/obj/builder/pack.o: builder/schema/pack.rng

$(BUILD)/libcommon.a: $(COMMON_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && $(AR) rcs $@ $^
$(BUILD)/libbuilder.a: $(BUILDER_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && $(AR) rcs $@ $^
$(BUILD)/libplayer.a: $(PLAYER_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && $(AR) rcs $@ $^

$(BUILD)/veiviser-build: $(call obj,builder/main.c) $(BUILD)/libbuilder.a $(BUILD)/libcommon.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)
$(BUILD)/veiviser-play: $(call obj,player/main.c) $(BUILD)/libplayer.a $(BUILD)/libcommon.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# Unit tests link every library; the linker keeps only what each one uses.
$(BUILD)/tests/%: $(call obj,tests/unit/%.c) $(BUILD)/libbuilder.a $(BUILD)/libplayer.a $(BUILD)/libcommon.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# Screenshot compare tool for the player's end-to-end tests.
TOOL_BIN := $(BUILD)/tests/imgcmp
$(BUILD)/tests/imgcmp: $(call obj,tests/tools/imgcmp.c) $(BUILD)/libplayer.a $(BUILD)/libcommon.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/locale/%/LC_MESSAGES/veiviser.mo: locales/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

check: deps
	@$(MAKE) --no-print-directory all $(UNIT_BIN) $(TOOL_BIN)
	@BUILD=$(BUILD) ./tests/run

check-long: deps
	@$(MAKE) --no-print-directory all $(UNIT_BIN) $(TOOL_BIN)
	@BUILD=$(BUILD) VV_LONG=1 ./tests/run

demo: deps
	@$(MAKE) --no-print-directory all
	@BUILD=$(BUILD) ./scripts/demo

fuzz:
	@$(MAKE) --no-print-directory -f tests/fuzz/fuzz.mk BUILD=$(BUILD)/fuzz

bench: bench-builder bench-player bench-player-video
bench-builder bench-player bench-player-video: deps
	@$(MAKE) --no-print-directory all
	@BUILD=$(BUILD) ./bench/$@

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/veiviser \
	  $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(PROGRAMS) $(DESTDIR)$(PREFIX)/bin/
	install -m 644 builder/schema/* $(DESTDIR)$(PREFIX)/share/veiviser/
	install -m 644 $(wildcard man/*.1) $(DESTDIR)$(PREFIX)/share/man/man1/
	for mo in $(LOCALE_MO); do \
	  lang=$${mo#$(BUILD)/locale/}; lang=$${lang%%/*}; \
	  install -d $(DESTDIR)$(PREFIX)/share/locale/$$lang/LC_MESSAGES; \
	  install -m 644 $$mo $(DESTDIR)$(PREFIX)/share/locale/$$lang/LC_MESSAGES/; \
	done

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
