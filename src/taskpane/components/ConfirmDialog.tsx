/** 情况属实: a clerk confirms a warning with a reason, which travels with the workbook. */
import { useState } from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Text,
  Textarea,
} from "@fluentui/react-components";
import type { Finding } from "../../core/findings";
import { findingText } from "../../core/messages";
import { useStrings } from "../i18n";

export interface ConfirmDialogProps {
  finding: Finding;
  onSave(reason: string): void;
  onCancel(): void;
}

export function ConfirmDialog({ finding, onSave, onCancel }: ConfirmDialogProps) {
  const { lang, t } = useStrings();
  const [reason, setReason] = useState("");
  const trimmed = reason.trim();
  return (
    <Dialog open modalType="modal" onOpenChange={(_, d) => !d.open && onCancel()}>
      <DialogSurface aria-describedby={undefined}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (trimmed) onSave(trimmed);
          }}
        >
          <DialogBody>
            <DialogTitle>{t("confirmTitle")}</DialogTitle>
            <DialogContent>
              <Text block size={200}>
                {finding.sheet ? `${finding.sheet}!${finding.cell ?? ""} ` : ""}
                {findingText(finding, lang)}
              </Text>
              <Field label={t("confirmReason")} hint={t("confirmIntro")} required>
                <Textarea value={reason} onChange={(_, d) => setReason(d.value)} resize="vertical" />
              </Field>
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit" disabled={!trimmed}>
                {t("confirmSave")}
              </Button>
              <Button onClick={onCancel}>{t("cancel")}</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
