/** A question the pane must have answered before it goes on (Fluent's alert dialog): a title, a text, the choices. */
import type { ReactNode } from "react";
import { Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from "@fluentui/react-components";

export interface AlertDialogProps {
  title: string;
  children: ReactNode;
  /** The choice buttons; a cancel among them calls onCancel too. */
  actions: ReactNode;
  /** Escape or a click outside. */
  onCancel(): void;
}

export function AlertDialog({ title, children, actions, onCancel }: AlertDialogProps) {
  return (
    <Dialog open modalType="alert" onOpenChange={(_, d) => !d.open && onCancel()}>
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent>{children}</DialogContent>
          <DialogActions>{actions}</DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
