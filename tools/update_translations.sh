#!/usr/bin/env bash
# Refresh the translation sources from the code and compile them (one .ts per window family, and
# one for the messages of core, infra and app), e.g. for the shell:
#   resources/i18n/clerkapp_shell_en.ts  (edit translations here, e.g. with pyside6-linguist)
#   resources/i18n/clerkapp_shell_en.qm  (loaded by clerkapp.gui.i18n with --lang en)
# Source strings are Simplified Chinese; English is the translation.
# Usage: tools/update_translations.sh   (from the repository root; PYTHON may name the venv's python)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python}"
BIN="$(dirname "$("$PYTHON" -c 'import sys; print(sys.executable)')")"
LUPDATE="${LUPDATE:-$BIN/pyside6-lupdate}"
LRELEASE="${LRELEASE:-$BIN/pyside6-lrelease}"
# One translation file per window family: refresh its .ts from the sources, then compile the .qm.
# I18N_DIR: where the .ts/.qm files are (tools/untranslated.py refreshes copies elsewhere).
I18N_DIR="${I18N_DIR:-resources/i18n}"
update() {
  local ts="$I18N_DIR/clerkapp_$1_en.ts"
  shift
  "$LUPDATE" -no-obsolete -source-language zh_CN -target-language en "$@" -ts "$ts"
  "$LRELEASE" "$ts" -qm "${ts%.ts}.qm"
}
# The shell: every module of clerkapp/gui that is not the applicant screen's or the print step's
# (below), so that a new page or dialog is never left out.
PRINT_FILES="clerkapp/gui/print_step.py clerkapp/gui/printer_choice.py clerkapp/gui/print_output.py clerkapp/gui/document_act_dialog.py clerkapp/gui/voided_copy_bar.py"
SHELL_FILES=()
for f in clerkapp/gui/*.py; do
  case " $PRINT_FILES " in *" $f "*) continue ;; esac
  case "$f" in clerkapp/gui/applicant_*) continue ;; esac
  SHELL_FILES+=("$f")
done
update shell "${SHELL_FILES[@]}"
# The applicant screen (申请人屏) has its own file: every applicant_* module.
update applicant clerkapp/gui/applicant_*.py
# The case wizard: every module of the package.
update wizard clerkapp/gui/wizard/*.py
# The print step, with its printer choice, its output and the 作废 / 更正 dialog.
update print $PRINT_FILES
# The messages of core, infra and app (clerkapp.core.texts.QT_TRANSLATE_NOOP: errors' user_message,
# state and method labels, reasons), translated at the GUI edge by clerkapp.gui.i18n.translated.
mapfile -t MESSAGE_FILES < <(grep -rl --include='*.py' "QT_TRANSLATE_NOOP(" clerkapp/core clerkapp/infra clerkapp/app | sort)
update messages "${MESSAGE_FILES[@]}"
