# Veiviser: veiviser-build and veiviser-play.
# Sources are found by wildcard, so a new module is just a new .c file.

BUILD     ?= build
PREFIX    ?= /usr/local
DESTDIR   ?=
CC        ?= cc
SANITIZE  ?=

# Layers (DESIGN.md, "Layout"). Each folder is compiled with only its own
# packages' cflags, and after each compile scripts/layer-check reads the
# full list of headers the compiler opened (-MD): SDL headers only in
# player/out and player/text, libav* only in player/media and the builder's
# media code, neither in player/core and common/, and project headers only
# from the layer's own folder and those it depends on. A unit test is
# compiled and linked for the layers whose headers it includes, and no more.
LAYERS := common builder builder_media player_core player_media \
          player_mediadl player_net player_text player_out player_ui player \
          fetch sync

# The builder's media code: the only builder files that may use libav*.
BUILDER_MEDIA_SRC := builder/media.c builder/remux.c builder/picture.c \
                     builder/transcode.c builder/transcode_audio.c \
                     builder/transcode_error.c \
                     builder/playable.c builder/subtitle.c

# pkg-config modules of each layer (common's are in every layer's cflags,
# since common/ headers include libxml2 ones; libsodium is for signatures
# and the hash test's reference; common/image
# uses libpng and libjpeg; common/hash nettle).
PKGS_common        := libxml-2.0 libsodium nettle libpng libjpeg
PKGS_builder       := libarchive
PKGS_builder_media := libavformat libavcodec libavutil libswscale \
                      libswresample
PKGS_player_core   :=
PKGS_player_media  := libavformat libavcodec libavutil libswscale libswresample
PKGS_player_mediadl :=
# player/net: linked rooms over an MQTT broker (the only layer with
# libmosquitto). It dlopen()s libmosquitto at the first link (see
# player/net/link.c), so the module gives cflags only: DLOPEN_PKGS are
# never linked.
PKGS_player_net    := libmosquitto
DLOPEN_PKGS        := libmosquitto
PKGS_player_text   := sdl2 SDL2_ttf fribidi libunibreak
# player/out: libpulse only to ask the sound server whether it has an
# output before SDL's PulseAudio driver starts (player/out/pulse.h)
PKGS_player_out    := sdl2 x11 libpulse
PKGS_player_ui     :=
PKGS_player        :=
# fetch/: HTTP(S) downloads with size caps and time limits, the only layer
# with libcurl; the updater (sync/) and `veiviser-build catalogue URL` use it.
PKGS_fetch         := libcurl
PKGS_sync          :=
# Libraries without a pkg-config module.
EXTRA_LIBS_builder := -lgettextpo

# What each layer calls into (and so links and may include), transitively.
DEPS_common        :=
DEPS_builder       := builder_media fetch common
DEPS_builder_media := builder fetch common
DEPS_player_core   := common
DEPS_player_media  := common
# player/mediadl: the program's forwarders to the media module (below)
DEPS_player_mediadl := player_media common
DEPS_player_text   := common
DEPS_player_net    := player_core common
DEPS_player_out    := player_core player_media player_text common
DEPS_player_ui     := player_out player_net $(DEPS_player_out)
DEPS_player        := player_ui player_mediadl $(DEPS_player_ui)
DEPS_fetch         := common
DEPS_sync          := fetch common

# Header families and the only layers that may include them.
SDL_LAYERS   := player_text player_out
LIBAV_LAYERS := player_media builder_media
CURL_LAYERS  := fetch

# Static archives, in link order; the builder's media code is in libbuilder.a.
# player_mediadl before player_media: the program takes media_* from the
# forwarders, so media.o and libav* are not linked into it.
LINK_ORDER := player_ui player_out player_text player_mediadl player_media \
              player_net player_core builder fetch common
$(foreach l,$(LINK_ORDER),$(eval ARCHIVE_$(l) := $$(BUILD)/lib$(l).a))

PKGS_ALL := $(sort $(foreach l,$(LAYERS),$(PKGS_$(l))))

# Ask pkg-config once per layer; when a module is missing, install-deps is
# the fix.
pkg_cflags = $(shell pkg-config --cflags $(1) 2>/dev/null)
pkg_libs   = $(shell pkg-config --libs $(1) 2>/dev/null)
$(foreach l,$(LAYERS),$(eval LAYER_CFLAGS_$(l) := \
  $(call pkg_cflags,$(sort $(PKGS_common) $(PKGS_$(l))))))

# layer_of FILE: the layer a source or header belongs to (by its folder).
layer_of = $(if $(filter $(BUILDER_MEDIA_SRC:.c=.%),$(1)),builder_media,$\
  $(filter $(LAYERS),$(subst /,_,$(patsubst %/,%,$(dir $(1))))))
# test_layers FILE: the layers of the project headers a test or tool includes.
test_layers = $(sort $(foreach h,$(shell sed -n \
  's/^[[:space:]]*\#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' $(1)),$\
  $(call layer_of,$(h))))
src_layers = $(if $(filter tests/%,$(1)),$(call test_layers,$(1)),$\
  $(call layer_of,$(1)))
# closure LAYERS: those layers and all they depend on.
closure = $(sort $(1) $(foreach l,$(1),$(DEPS_$(l))))
layer_dir = $(if $(filter builder_media,$(1)),builder,$(subst _,/,$(1)))

# For a source file: its cflags, the header families it may not include,
# and the project folders it may include from (tests: not checked).
src_cflags = $(sort $(foreach l,$(call src_layers,$(1)),$(LAYER_CFLAGS_$(l))))
src_forbid = $(if $(filter $(SDL_LAYERS),$(call src_layers,$(1))),,sdl) $\
  $(if $(filter $(LIBAV_LAYERS),$(call src_layers,$(1))),,libav) $\
  $(if $(filter $(CURL_LAYERS),$(call src_layers,$(1))),,curl)
src_may_include = $(if $(filter tests/%,$(1)),,$(sort $(foreach l,$\
  $(call closure,$(call layer_of,$(1))),$(call layer_dir,$(l)))))

# For a program, test or tool using LAYERS: its archives and libraries.
link_archives = $(foreach l,$(filter $(call closure,$(1)),$(LINK_ORDER)),$\
  $(ARCHIVE_$(l)))
link_libs = $(call pkg_libs,$(filter-out $(DLOPEN_PKGS),$(sort $\
  $(foreach l,$(call closure,$(1)),$(PKGS_$(l)))))) $(sort $(foreach l,$(call closure,$(1)),$(EXTRA_LIBS_$(l))))

# The one C dialect of the tree: ISO C11 without GNU language extensions
# (-pedantic), with the GNU and POSIX library interfaces. tests/fuzz/fuzz.mk
# reads this line too.
STD := -std=c11 -pedantic -D_GNU_SOURCE
WARN    := -Wall -Wextra -Wshadow -Wvla -Wformat=2 -Wwrite-strings \
           -Wstrict-prototypes -Wmissing-prototypes
ifeq ($(CI),true)
WARN    += -Werror
endif
CFLAGS  ?= -O2 -g
# -MD, not -MMD: the layer check needs the system headers in the list too.
CFLAGS  += $(STD) $(WARN) -MD -MP -I. -pthread \
           -DVV_VERSION='"$(VERSION)"' -DVV_DATADIR='"$(PREFIX)/share/veiviser"' \
           -DVV_LOCALEDIR='"$(PREFIX)/share/locale"' \
           -DVV_LIBDIR='"$(PREFIX)/lib/veiviser"'
# --as-needed: a program or test loads only the libraries it calls.
LDFLAGS += -Wl,--as-needed
LDLIBS  += -lm -pthread
ifneq ($(SANITIZE),)
CFLAGS  += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer
LDFLAGS += -fsanitize=$(SANITIZE)
# gcc 12 with UBSan's nonnull-attribute checks follows a path on which a
# gettext format is NULL, which cannot happen, and warns "null format
# string" (operator.c's failed-update line). The plain build keeps the
# warning for real truncations.
ifneq ($(findstring undefined,$(SANITIZE)),)
ifeq ($(findstring clang,$(CC)),)
CFLAGS  += -Wno-format-truncation
endif
endif
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
player_obj   = $(filter $(BUILD)/obj/player/$(1)/%,$(PLAYER_OBJ))
UNIT_BIN    := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))

LOCALE_PO := $(wildcard locales/*.po)
LOCALE_MO := $(patsubst locales/%.po,$(BUILD)/locale/%/LC_MESSAGES/veiviser.mo,$(LOCALE_PO))

PROGRAMS := $(BUILD)/veiviser-build
ifneq ($(wildcard player/main.c),)
PROGRAMS += $(BUILD)/veiviser-play
endif
PROGRAMS += $(BUILD)/veiviser-sync
SYNC_SRC := $(wildcard sync/*.c)

# The player's libav code as a module that veiviser-play dlopen()s at the
# first narration or film (player/mediadl/media_dl.c): a kiosk's start
# and memory do not pay for libav until a film or narration. It takes
# common/ and player/media/sync from the program (-rdynamic) and binds its
# own symbols to itself (-Bsymbolic).
MEDIA_MODULE     := $(BUILD)/veiviser-media.so
MEDIA_MODULE_SRC := player/media/media.c player/media/avio_range.c
MEDIA_MODULE_OBJ := $(patsubst %.c,$(BUILD)/pic/%.o,$(MEDIA_MODULE_SRC))
# The module links the player's own libav (scripts/build-libav): FFmpeg
# built with only the bundle profile's decoders, as static PIC archives,
# so a kiosk does not load Debian's libavcodec and its 89 libraries. It is
# built once under build/ (shared by every BUILD, such as build/clang),
# and kept by `make clean` of another BUILD. Its headers come first; the
# builder and the unit tests keep Debian's libav.
LIBAV_DIR        := build/libav

.PHONY: graph graph-layers all deps check check-long demo demo-linked install clean fuzz bench bench-builder \
        bench-builder-probe bench-player bench-player-video bench-player-idle bench-player-start \
        bench-player-heavy bench-player-linked bench-linked bench-sync
all: $(PROGRAMS) $(if $(wildcard player/main.c),$(MEDIA_MODULE)) $(LOCALE_MO)

# Install missing Debian packages: install-deps asks dpkg for each one it
# lists (the libraries and the tools the tests start, such as Xvnc or
# mosquitto), so a package added to the list reaches a machine that was
# set up before. Without dpkg, only the pkg-config modules are checked.
deps:
	@if command -v dpkg-query >/dev/null 2>&1; then \
	  ./scripts/install-deps; \
	else \
	  pkg-config --exists $(PKGS_ALL) && [ -f /usr/include/gettext-po.h ] \
	  || ./scripts/install-deps; \
	fi

$(BUILD)/obj/%.o: %.c scripts/layer-check
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(call src_cflags,$<) -c $< -o $@
	@sh scripts/layer-check $< $(@:.o=.d) '$(strip $(call src_forbid,$<))' \
	  '$(call src_may_include,$<)' || { rm -f $@; exit 1; }

# pack.c and common/catalogue.c embed their schemas with .incbin; -MD
# cannot see that.
$(BUILD)/obj/builder/pack.o: builder/schema/pack.rng
$(BUILD)/obj/common/catalogue.o: builder/schema/catalogue.rng
# new.c embeds docs/minimal-pack the same way.
$(BUILD)/obj/builder/new.o: $(filter-out %.gitignore,$(shell git ls-files docs/minimal-pack 2>/dev/null || echo docs/minimal-pack/pack.xml))

$(BUILD)/libcommon.a: $(COMMON_OBJ)
$(BUILD)/libbuilder.a: $(BUILDER_OBJ)
$(BUILD)/libfetch.a: $(call obj,$(wildcard fetch/*.c))
$(BUILD)/libplayer_core.a: $(call player_obj,core)
$(BUILD)/libplayer_media.a: $(call player_obj,media)
$(BUILD)/libplayer_mediadl.a: $(call player_obj,mediadl)
$(BUILD)/libplayer_text.a: $(call player_obj,text)
$(BUILD)/libplayer_net.a: $(call player_obj,net)
$(BUILD)/libplayer_out.a: $(call player_obj,out)
$(BUILD)/libplayer_ui.a: $(call player_obj,ui)
$(BUILD)/lib%.a:
	@mkdir -p $(dir $@)
	rm -f $@ && $(AR) rcs $@ $^

$(BUILD)/veiviser-build: $(call obj,builder/main.c) $(call link_archives,builder)
	$(CC) $(LDFLAGS) -o $@ $^ $(call link_libs,builder) $(LDLIBS)
$(BUILD)/veiviser-play: $(call obj,player/main.c) $(call link_archives,player)
	$(CC) $(LDFLAGS) -rdynamic -o $@ $^ $(call link_libs,player) $(LDLIBS)
	@! readelf -d $@ | grep -q 'NEEDED.*libav' || \
	  { echo "$@: libav is linked in; it must stay in $(MEDIA_MODULE)"; \
	    rm -f $@; exit 1; }
	@! readelf -d $@ | grep -q 'NEEDED.*libmosquitto' || \
	  { echo "$@: libmosquitto is linked in; player/net loads it"; \
	    rm -f $@; exit 1; }

$(BUILD)/veiviser-sync: $(call obj,$(SYNC_SRC)) $(call link_archives,sync)
	$(CC) $(LDFLAGS) -o $@ $^ $(call link_libs,sync) $(LDLIBS)

$(BUILD)/pic/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -fPIC $(call src_cflags,$<) -c $< -o $@
# Rebuilt when the profile changes, and when apt updates Debian's
# libavcodec-dev (a security update of Debian's FFmpeg: the new release is
# fetched and built; a Debian-linked player got it by itself).
DEBIAN_LIBAV_LIST := $(subst :,\:,$(wildcard /var/lib/dpkg/info/libavcodec-dev*.list))
$(LIBAV_DIR)/libs: scripts/libav-profile $(DEBIAN_LIBAV_LIST)
	./scripts/build-libav $(LIBAV_DIR) $(subst \:,:,$^)
$(MEDIA_MODULE_OBJ): $(BUILD)/pic/%.o: %.c $(LIBAV_DIR)/libs
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -fPIC $$(cat $(LIBAV_DIR)/cflags) \
	  $(call src_cflags,$<) -c $< -o $@
# --exclude-libs: libav's symbols stay inside the module.
$(MEDIA_MODULE): $(MEDIA_MODULE_OBJ) $(LIBAV_DIR)/libs
	$(CC) $(LDFLAGS) -shared -Wl,-Bsymbolic -Wl,--exclude-libs,ALL \
	  -o $@ $(MEDIA_MODULE_OBJ) $$(cat $(LIBAV_DIR)/libs) $(LDLIBS)

# A unit test (or test tool) links the layers whose headers it includes and
# what they depend on, so a player/core test that reached SDL would not link.
define test_link
$(BUILD)/tests/$(1): $(call obj,$(2)) $(call link_archives,$(call test_layers,$(2)))
	@mkdir -p $$(dir $$@)
	$$(CC) $$(LDFLAGS) -o $$@ $$^ $(call link_libs,$(call test_layers,$(2))) $$(LDLIBS)
endef
$(foreach t,$(UNIT_SRC),$(eval $(call test_link,$(notdir $(t:.c=)),$(t))))

# Screenshot compare tool for the player's end-to-end tests.
TOOL_BIN := $(BUILD)/tests/imgcmp
$(eval $(call test_link,imgcmp,tests/tools/imgcmp.c))

# A stat() that hangs on one path, preloaded into the player as a network
# share that stopped answering (player_library_hung_share). No sanitizer:
# it is loaded before the sanitizer's runtime.
TOOL_BIN += $(BUILD)/tests/stat_hang.so
$(BUILD)/tests/stat_hang.so: tests/tools/stat_hang.c
	@mkdir -p $(dir $@)
	$(CC) $(STD) $(WARN) -O2 -fPIC -shared -o $@ $< -ldl

$(BUILD)/locale/%/LC_MESSAGES/veiviser.mo: locales/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

# The test programs link in parallel (one job per core); tests/run then
# runs them, two lanes at once (VV_TEST_JOBS).
check: deps
	@$(MAKE) --no-print-directory -j$$(nproc) all $(UNIT_BIN) $(TOOL_BIN)
	@BUILD=$(BUILD) ./tests/run

check-long: deps
	@$(MAKE) --no-print-directory all $(UNIT_BIN) $(TOOL_BIN)
	@BUILD=$(BUILD) VV_LONG=1 ./tests/run

demo: deps
	@$(MAKE) --no-print-directory all
	@BUILD=$(BUILD) ./scripts/demo

# Linked rooms on this machine: a local broker, a host and two rooms (uk,
# ar), in windows, or headless with screenshots in $(BUILD)/demo-linked/.
demo-linked: deps
	@$(MAKE) --no-print-directory all
	@BUILD=$(BUILD) ./scripts/demo-linked

# The include graph between modules, then any cycle (exit 1 when there is
# one); graph-layers: the same between folders.
graph:
	@tests/tools/include-graph
graph-layers:
	@tests/tools/include-graph --layers

fuzz:
	@$(MAKE) --no-print-directory -f tests/fuzz/fuzz.mk BUILD=$(BUILD)/fuzz

bench: bench-builder bench-builder-probe bench-player bench-player-video \
       bench-player-idle bench-player-start bench-player-heavy \
       bench-player-linked bench-linked bench-sync
bench-builder bench-builder-probe bench-player bench-player-video \
bench-player-idle bench-player-start bench-player-heavy bench-player-linked \
bench-linked bench-sync: deps
	@$(MAKE) --no-print-directory all
	@BUILD=$(BUILD) ./bench/$@

# systemd looks for units in /usr/local/lib/systemd/system too.
UNITDIR ?= $(PREFIX)/lib/systemd/system

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/veiviser \
	  $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(PROGRAMS) $(DESTDIR)$(PREFIX)/bin/
	if [ -f $(MEDIA_MODULE) ]; then \
	  install -d $(DESTDIR)$(PREFIX)/lib/veiviser && \
	  install -m 644 $(MEDIA_MODULE) $(DESTDIR)$(PREFIX)/lib/veiviser/; \
	fi
	install -m 644 builder/schema/* $(DESTDIR)$(PREFIX)/share/veiviser/
	# An example for /etc/veiviser/sync.conf (veiviser-kiosk(7)); the
	# real one is the administrator's and is never overwritten.
	install -m 644 systemd/sync.conf.example \
	  $(DESTDIR)$(PREFIX)/share/veiviser/
	# The kiosk's trusted signing keys (veiviser-play --trust): empty,
	# so origin is not checked until staff add a centre's .pub file.
	install -d $(DESTDIR)/etc/veiviser/trusted-keys
	install -m 644 $(wildcard man/*.1) $(DESTDIR)$(PREFIX)/share/man/man1/
	install -d $(DESTDIR)$(PREFIX)/share/man/man7
	install -m 644 $(wildcard man/*.7) $(DESTDIR)$(PREFIX)/share/man/man7/
	install -d $(DESTDIR)$(UNITDIR) $(DESTDIR)$(PREFIX)/lib/sysusers.d \
	  $(DESTDIR)$(PREFIX)/lib/tmpfiles.d
	sed 's|@BINDIR@|$(PREFIX)/bin|g' systemd/veiviser-kiosk.service.in \
	  >$(DESTDIR)$(UNITDIR)/veiviser-kiosk.service
	chmod 644 $(DESTDIR)$(UNITDIR)/veiviser-kiosk.service
	sed 's|@BINDIR@|$(PREFIX)/bin|g' systemd/veiviser-sync.service.in \
	  >$(DESTDIR)$(UNITDIR)/veiviser-sync.service
	chmod 644 $(DESTDIR)$(UNITDIR)/veiviser-sync.service
	install -m 644 systemd/veiviser-sync.timer $(DESTDIR)$(UNITDIR)/
	install -m 644 systemd/veiviser.sysusers \
	  $(DESTDIR)$(PREFIX)/lib/sysusers.d/veiviser.conf
	install -m 644 systemd/veiviser.tmpfiles \
	  $(DESTDIR)$(PREFIX)/lib/tmpfiles.d/veiviser.conf
	for mo in $(LOCALE_MO); do \
	  lang=$${mo#$(BUILD)/locale/}; lang=$${lang%%/*}; \
	  install -d $(DESTDIR)$(PREFIX)/share/locale/$$lang/LC_MESSAGES; \
	  install -m 644 $$mo $(DESTDIR)$(PREFIX)/share/locale/$$lang/LC_MESSAGES/; \
	done

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD)/obj $(BUILD)/pic -name '*.d' 2>/dev/null)
