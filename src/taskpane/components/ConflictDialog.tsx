/**
 * 汇总 inside Excel found user sheets with the result sheets' names: the user chooses to
 * replace them, to write the results beside them ("中期评估表 (2)"), or to write nothing.
 */
import { Button, Text } from "@fluentui/react-components";
import { useStrings } from "../i18n";
import type { SheetConflict } from "../workspace";
import { AlertDialog } from "./AlertDialog";

export interface ConflictDialogProps {
  conflicts: SheetConflict[];
  onChoose(choice: "replace" | "rename"): void;
  onCancel(): void;
}

export function ConflictDialog({ conflicts, onChoose, onCancel }: ConflictDialogProps) {
  const { t } = useStrings();
  return (
    <AlertDialog
      title={t("conflictTitle")}
      onCancel={onCancel}
      actions={
        <>
          <Button onClick={() => onChoose("replace")}>{t("conflictReplace")}</Button>
          <Button appearance="primary" onClick={() => onChoose("rename")}>
            {conflicts.length === 1 ? t("conflictRename", { name: conflicts[0].suggested }) : t("conflictRenameAll")}
          </Button>
          <Button onClick={onCancel}>{t("cancel")}</Button>
        </>
      }
    >
      <Text block>{t("conflictIntro")}</Text>
      <ul>
        {conflicts.map((c) => (
          <li key={c.name}>{t("conflictItem", { name: c.name, suggested: c.suggested })}</li>
        ))}
      </ul>
      <Text block size={200}>
        {t("conflictReplaceHint")}
      </Text>
    </AlertDialog>
  );
}
