#!/usr/bin/env bash
# The layers of architecture.md as a check: app -> ui -> report -> model, never an arrow back up;
# the model sees no widget or GUI header, pages read through services (no storage/ header under ui/),
# and no model source file grows past 450 lines.
set -euo pipefail
cd "$1"
bad=0
fail() { echo "$1"; bad=$((bad + 1)); }

# includes "folder/..." of a layer that the layer may not see
check() { # dir pattern why
    local hits
    hits=$(grep -rnE "^#include [<\"]($2)" "$1" --include='*.cpp' --include='*.h' || true)
    [[ -z "$hits" ]] || while IFS= read -r h; do fail "$h: $3"; done <<<"$hits"
}
check model '(ui|report|app|widgets|shell)/|Q(Widget|Application|Painter|Pdf|Print|Chart|Image|Pixmap|Font|Color)' \
    'the model never includes the GUI, report or app layers'
check model 'QtWidgets|QtGui|QtCharts|QtPrintSupport|qcustomplot' 'the model is QtCore + QtSql only'
check report '(ui|app|widgets|shell|costcenter|bills)/|QtWidgets|QWidget' 'report sits below the UI'
check ui '(storage|app)/' 'pages read through model services, not repositories'
hits=$(grep -rlnE '#include [<"]qcustomplot\.h' ui | grep -v '^ui/widgets/timeseriesplot\.cpp$' || true)
[[ -z "$hits" ]] || while IFS= read -r h; do fail "$h: only ui/widgets/timeseriesplot wraps QCustomPlot"; done <<<"$hits"

while IFS= read -r f; do
    n=$(wc -l <"$f")
    ((n <= 450)) || fail "$f: $n lines (a model source file stays within 450)"
done < <(find model -name '*.cpp' -o -name '*.h' | sort)

echo "layers: $bad violations"
((bad == 0))
