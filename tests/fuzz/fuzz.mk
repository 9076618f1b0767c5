# libFuzzer targets (clang), built and run by `make fuzz`:
#   make fuzz                   build every tests/fuzz/fuzz_*.c, run each
#                               for FUZZ_SECONDS (60) and print executions
#   make fuzz FUZZ_SECONDS=0    build only
# Targets link the common/ and builder/ sources (and the player's --script
# and WebVTT parsers), compiled again here with
# -fsanitize=fuzzer-no-link,address,undefined. Corpora live in
# $(BUILD)/corpus/<target>/ and are seeded on first use. A target's extra
# libFuzzer flags are in tests/fuzz/<target>.flags: fuzz_po runs with
# -detect_leaks=0, because libgettextpo leaks on every file it reads (see
# po.c) and a leak scan after each input slowed it to 12 inputs a second.

BUILD        ?= build/fuzz
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang

VERSION := $(shell sed -n 's/^VERSION *:= *//p' Makefile)
# The tree's one C dialect, as the Makefile sets it.
STD     := $(shell sed -n 's/^STD *:= *//p' Makefile)
PKGS    := libxml-2.0 libarchive libsodium libavformat libavcodec libavutil \
           libswscale libswresample libpng libjpeg nettle
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer
# FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION: the bundle reader skips the
# manifest digest check, so that mutations reach the manifest parser.
CFLAGS  := $(STD) -g -O1 -I. -pthread $(SAN) \
           -fsanitize=fuzzer-no-link \
           -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION \
           -DVV_VERSION='"$(VERSION)"' \
           -DVV_DATADIR='"/usr/local/share/veiviser"' \
           -DVV_LOCALEDIR='"/usr/local/share/locale"' \
           $(shell pkg-config --cflags $(PKGS))
LIBS    := $(shell pkg-config --libs $(PKGS)) -lgettextpo -lm -pthread

# and, for the player's own parsers, the --script reader and WebVTT.
SRC     := $(wildcard common/*.c) \
           $(filter-out builder/main.c,$(wildcard builder/*.c)) \
           player/core/link_msg.c player/core/script.c \
           player/media/webvtt.c
OBJ     := $(patsubst %.c,$(BUILD)/obj/%.o,$(SRC))
TARGETS := $(patsubst tests/fuzz/%.c,$(BUILD)/%,$(wildcard tests/fuzz/fuzz_*.c))

.PHONY: all run
# The fuzz-run-% chain must not delete the targets and objects it built.
.SECONDARY:
all: run

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CFLAGS) -c $< -o $@

$(BUILD)/libfuzzed.a: $(OBJ)
	rm -f $@ && $(AR) rcs $@ $^

$(BUILD)/fuzz_%: $(BUILD)/obj/tests/fuzz/fuzz_%.o $(BUILD)/libfuzzed.a
	$(FUZZ_CC) $(SAN) -fsanitize=fuzzer -o $@ $^ $(LIBS)

# Seeds: a valid bundle for the bundle reader, the checked-in pack.xml
# files for the pack loader.
$(BUILD)/corpus/fuzz_bundle/.seeded:
	@mkdir -p $(dir $@)
	sh tests/fuzz/seed-bundle.sh $(dir $@)seed.vvb
	@touch $@
$(BUILD)/corpus/fuzz_pack/.seeded:
	@mkdir -p $(dir $@)
	n=0; for f in tests/data/*/pack.xml content/*/pack.xml; do \
	  [ -f "$$f" ] || continue; n=$$((n + 1)); cp "$$f" $(dir $@)seed-$$n.xml; \
	done
	@touch $@
# Seeds for the image decoder: a small PNG, an interlaced one and a
# progressive JPEG, made by ffmpeg.
$(BUILD)/corpus/fuzz_image/.seeded:
	@mkdir -p $(dir $@)
	ffmpeg -nostdin -loglevel error -y -f lavfi -i testsrc=size=32x24 \
	  -frames:v 1 $(dir $@)seed.png
	ffmpeg -nostdin -loglevel error -y -f lavfi -i testsrc=size=32x24 \
	  -frames:v 1 -pix_fmt pal8 $(dir $@)seed-pal.png
	ffmpeg -nostdin -loglevel error -y -f lavfi -i testsrc=size=32x24 \
	  -frames:v 1 $(dir $@)seed.jpg
	@touch $@
# Seeds for linked rooms' messages: one of each kind, topic line first.
$(BUILD)/corpus/fuzz_link_msg/.seeded:
	@mkdir -p $(dir $@)
	printf 'veiviser/w/state\nv=1\nseq=7\ndriver=host\npack=p\nversion=1.0\nlevel=l\nitem=a\nindex=0\nplaying=1\nposition=1.500\nsent_ms=17\nblank=show\n' >$(dir $@)state
	printf 'veiviser/w/room/r/presence\nv=1\nroom=r\nlang=ar\nonline=1\nparticipants=12\nfollowing=0\nitem=a\ndrift_ms=-40\n' >$(dir $@)presence
	printf 'veiviser/w/room/r/question\nv=1\nroom=r\nlang=ar\nitem=a\nid=1\ntext=\331\205\330\252\331\211\n' >$(dir $@)question
	printf 'veiviser/w/room/r/hand\nv=1\nroom=r\nup=1\n' >$(dir $@)hand
	printf 'veiviser/w/host\nv=1\ndriver=h\nonline=0\n' >$(dir $@)host
	printf 'veiviser/w/control\nv=1\nseq=2\ndriver=nav\n' >$(dir $@)control
	@touch $@
# Seeds for the player's parsers and the .po loader: the repository's own
# WebVTT and .po files and a script that uses every event.
$(BUILD)/corpus/fuzz_webvtt/.seeded:
	@mkdir -p $(dir $@)
	n=0; for f in $$(find tests content -name '*.vtt' 2>/dev/null | head -n 20); do \
	  n=$$((n + 1)); cp "$$f" $(dir $@)seed-$$n.vtt; done
	printf 'WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.500 align:center\n<b>Hei</b> &amp;\n\n00:03.000 --> 00:04.000\nx\n' \
	  >$(dir $@)seed.vtt
	@touch $@
# Seeds for the builder's subtitle reader: the repository's WebVTT and SRT
# files, and an SRT with CRLF line ends.
$(BUILD)/corpus/fuzz_subtitle/.seeded:
	@mkdir -p $(dir $@)
	n=0; for f in $$(find tests content docs \( -name '*.vtt' -o -name '*.srt' \) 2>/dev/null | head -n 20); do \
	  n=$$((n + 1)); cp "$$f" $(dir $@)seed-$$n; done
	printf '1\r\n00:00:01,000 --> 00:00:02,500\r\n<i>Hei</i>\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\nx\r\n' \
	  >$(dir $@)seed.srt
	@touch $@
$(BUILD)/corpus/fuzz_po/.seeded:
	@mkdir -p $(dir $@)
	n=0; for f in $$(find tests content locales -name '*.po' 2>/dev/null | head -n 20); do \
	  n=$$((n + 1)); cp "$$f" $(dir $@)seed-$$n.po; done
	@touch $@
$(BUILD)/corpus/fuzz_script/.seeded:
	@mkdir -p $(dir $@)
	printf '# seed\n0.50 key Right\n1.2 tap 960 540\n2.0 screenshot a-1\n3 quit\n' \
	  >$(dir $@)seed.script
	@touch $@
# Seeds for the deck readers: a PowerPoint and an Impress deck.
$(BUILD)/corpus/fuzz_deck/.seeded:
	@mkdir -p $(dir $@)
	python3 tests/tools/make-deck.py pptx $(dir $@)seed.pptx
	python3 tests/tools/make-deck.py odp $(dir $@)seed.odp
	@touch $@
# Seed for the catalogue reader: a catalogue of one bundle, as publish
# writes it.
$(BUILD)/corpus/fuzz_catalogue/.seeded:
	@mkdir -p $(dir $@)
	h=$$(printf %064d 0 | tr 0 a); \
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<catalogue xmlns="urn:veiviser:catalogue:1" format="1" version="2" published="2026-12-02T07:18:36Z" expires="2027-01-01T07:18:36Z" key="BBB9A19B9CE81980">\n  <bundle pack="p" version="1.0.0" lang="ti" level="no-schooling" review="draft" size="174080" sha256="%s" key="BBB9A19B9CE81980" href="bundles/%s.vvb">\n    <title>T</title>\n    <level-label>L</level-label>\n  </bundle>\n</catalogue>\n' $$h $$h \
	  >$(dir $@)seed.xml
	@touch $@
$(BUILD)/corpus/%/.seeded:
	@mkdir -p $(dir $@) && touch $@

# Each target is one job: `make -jN fuzz` fuzzes N targets at a time (the
# CI gives one core each), each for FUZZ_SECONDS.
FUZZ_RUNS := $(patsubst $(BUILD)/%,fuzz-run-%,$(TARGETS))
run: $(FUZZ_RUNS)
fuzz-run-%: $(BUILD)/% $(BUILD)/corpus/%/.seeded
	@if [ "$(FUZZ_SECONDS)" -gt 0 ]; then \
	  name=$*; t=$(BUILD)/$*; \
	  echo "$$name: fuzzing for $(FUZZ_SECONDS) s"; \
	  dict=; [ -f tests/fuzz/$$name.dict ] && dict=-dict=tests/fuzz/$$name.dict; \
	  flags=; [ -f tests/fuzz/$$name.flags ] && flags=$$(cat tests/fuzz/$$name.flags); \
	  $$t -max_total_time=$(FUZZ_SECONDS) -close_fd_mask=3 $$dict $$flags \
	    -print_final_stats=1 -artifact_prefix=$(BUILD)/$$name- \
	    $(BUILD)/corpus/$$name >$(BUILD)/$$name.log 2>&1; \
	  rc=$$?; \
	  execs=$$(sed -n 's/^stat::number_of_executed_units: *//p' $(BUILD)/$$name.log); \
	  if [ $$rc -eq 0 ]; then \
	    echo "$$name: $$execs executions in $(FUZZ_SECONDS) s, no crash"; \
	  else \
	    echo "$$name: FAILED (exit $$rc); see $(BUILD)/$$name.log"; \
	    tail -n 30 $(BUILD)/$$name.log; exit 1; \
	  fi; \
	fi
