-- Hand-written (C5, lead imports): a lead import routes the leads it wrote after its last chunk. The start
-- request's choice is kept on the import (a resumed job honours it), and the routing's counts with it.
ALTER TABLE imports ADD COLUMN route boolean NOT NULL DEFAULT false;
--> statement-breakpoint
ALTER TABLE imports ADD COLUMN routing jsonb;
