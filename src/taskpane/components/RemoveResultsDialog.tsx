/** Before 删除结果工作表: the user confirms that the add-in's result sheets (and edits in them) go. */
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from "@fluentui/react-components";
import { useStrings } from "../i18n";

export interface RemoveResultsDialogProps {
  onConfirm(): void;
  onCancel(): void;
}

export function RemoveResultsDialog({ onConfirm, onCancel }: RemoveResultsDialogProps) {
  const { t } = useStrings();
  return (
    <Dialog open modalType="alert" onOpenChange={(_, d) => !d.open && onCancel()}>
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>{t("removeResultsTitle")}</DialogTitle>
          <DialogContent>{t("removeResultsText")}</DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={onConfirm}>
              {t("removeResultsConfirm")}
            </Button>
            <Button onClick={onCancel}>{t("cancel")}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
