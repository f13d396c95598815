import { LightningElement, api } from 'lwc';
import { describeConflict, moreConflicts } from 'c/trellisFormat';

/** A registration's conflicts with their evidence, and how many more there are than Trellis sent. */
export default class TrellisConflictList extends LightningElement {
    @api conflicts = [];
    /** All the conflicts, of which `conflicts` are the most pressing. */
    @api total = 0;
    /** The products as the rep typed them, to show the overlap in the rep's spelling. */
    @api typedProducts = [];

    get views() {
        return this.conflicts.map((c) => describeConflict(c, this.typedProducts));
    }
    get moreLabel() {
        return moreConflicts(this.conflicts.length, this.total);
    }
}
