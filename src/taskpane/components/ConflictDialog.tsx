/**
 * 汇总 inside Excel found user sheets with the result sheets' names: the user chooses to
 * replace them, to write the results beside them ("中期评估表 (2)"), or to write nothing.
 */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Text,
} from "@fluentui/react-components";
import { useStrings } from "../i18n";
import type { SheetConflict } from "../workspace";

export interface ConflictDialogProps {
  conflicts: SheetConflict[];
  onChoose(choice: "replace" | "rename"): void;
  onCancel(): void;
}

export function ConflictDialog({ conflicts, onChoose, onCancel }: ConflictDialogProps) {
  const { t } = useStrings();
  return (
    <Dialog open modalType="alert" onOpenChange={(_, d) => !d.open && onCancel()}>
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>{t("conflictTitle")}</DialogTitle>
          <DialogContent>
            <Text block>{t("conflictIntro")}</Text>
            <ul>
              {conflicts.map((c) => (
                <li key={c.name}>{t("conflictItem", { name: c.name, suggested: c.suggested })}</li>
              ))}
            </ul>
            <Text block size={200}>
              {t("conflictReplaceHint")}
            </Text>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => onChoose("replace")}>{t("conflictReplace")}</Button>
            <Button appearance="primary" onClick={() => onChoose("rename")}>
              {conflicts.length === 1 ? t("conflictRename", { name: conflicts[0].suggested }) : t("conflictRenameAll")}
            </Button>
            <Button onClick={onCancel}>{t("cancel")}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
