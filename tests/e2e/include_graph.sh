# tests/tools/include-graph (make graph): the modules' include graph and
# the folders' have no cycle, and the folders follow the layers of
# DESIGN.md; and the tool does find a cycle, through two headers or three,
# in a scratch tree.
. "$TOP/tests/lib.sh"

G="$TOP/tests/tools/include-graph"
"$G" "$TOP" >"$TMP/modules"
expect "module graph: no cycle" [ $? -eq 0 ]
cyc=$(grep '^cycle:' "$TMP/modules" | tr '\n' ' ')
expect "module graph: no cycle printed${cyc:+ (}$cyc${cyc:+)}" [ -z "$cyc" ]
expect "module graph lists the modules" \
	grep -q '^player/text/layout -> ' "$TMP/modules"
"$G" --layers "$TOP" >"$TMP/layers"
expect "layer graph: no cycle" [ $? -eq 0 ]
edge() { sed -n "s|^$1 -> ||p" "$TMP/layers"; }
expect "common/ includes no other folder" [ "$(edge common)" = "(nothing)" ]
expect "player/core includes only common/" [ "$(edge player/core)" = common ]
expect "player/text includes only common/" [ "$(edge player/text)" = common ]
expect "player/media includes only common/" [ "$(edge player/media)" = common ]
expect "builder includes only common/ and fetch/" \
	[ "$(edge builder)" = "common fetch" ]
expect "fetch/ (libcurl) includes only common/" [ "$(edge fetch)" = common ]
expect "sync/ includes only common/ and fetch/" \
	[ "$(edge sync)" = "common fetch" ]
case " $(edge player/out) $(edge player/ui) " in
*" player/ui "*) fail "player/out and player/ui" "one includes player/ui" ;;
*) pass "player/out and player/ui do not include player/ui" ;;
esac

# A scratch tree with a three-module loop and a two-module one.
S=$TMP/tree
mkdir -p "$S/builder" "$S/common" "$S/player/core"
printf '#include "common/b.h"\n' >"$S/common/a.c"
printf '#include "common/c.h"\n' >"$S/common/b.h"
printf '#include "common/a.h"\n' >"$S/common/c.h"
: >"$S/common/a.h"
printf '#include "player/core/y.h"\n' >"$S/player/core/x.h"
printf '#include "player/core/x.h"\n#include "common/a.h"\n' >"$S/player/core/y.c"
: >"$S/player/core/y.h"
"$G" "$S" >"$TMP/out"
expect "a cycle makes it exit 1" [ $? -eq 1 ]
expect "the three-module cycle is printed" \
	grep -qx 'cycle: common/a -> common/b -> common/c -> common/a' "$TMP/out"
expect "the two-module cycle (.h and .c of a module) is printed" \
	grep -qx 'cycle: player/core/x -> player/core/y -> player/core/x' "$TMP/out"
expect "each module's includes are listed" \
	grep -qx 'player/core/y -> common/a player/core/x' "$TMP/out"
"$G" --layers "$S" >"$TMP/out"
expect "those loops are inside folders: no layer cycle" [ $? -eq 0 ]
printf '#include "player/core/x.h"\n' >>"$S/common/a.c"
"$G" --layers "$S" >"$TMP/out"
expect "common/ including player/core closes a layer cycle" \
	grep -qx 'cycle: common -> player/core -> common' "$TMP/out"
"$G" "$TMP/none" 2>/dev/null
expect "a folder without the tree is a usage error (2)" [ $? -eq 2 ]
