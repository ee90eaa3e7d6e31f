/// Event stops: how the run loop handles events (SysTick, pending exceptions, stop
/// requests, the cycle limit) at the exact instruction boundary without comparing the
/// cycle count after every instruction.
///
/// A block is entered only at its first slot, and the loop compares the count with
/// `nextEventCycle` once there, with the block's static total (its header slot). When
/// the event is due inside the block, the slot before which it is due gets the op
/// `.eventStop` (the replaced op is kept and restored), so the loop leaves the block
/// exactly there. Anything that adds cycles in the middle of a block (data wait
/// states, a divide, sleep, lazy FP stacking) or brings the event forward
/// (`requestEventCheck`) checks the rest of the running block the same way. At most one
/// slot is replaced at a time, and only in the running block: the outer loop restores it
/// first thing.
extension CortexMCore {
    /// Called after a dynamic cost was added in the middle of a block: places the event
    /// stop if the event now falls due inside the rest of the running block.
    @inline(__always) func checkEventWithinRunningBlock() {
        if baseCycles &+ runningBlockCycles >= nextEventCycle && runningSlot != idleSlot {
            placeEventStop(scanningFrom: runningSlot)
        }
    }

    /// Replaces the op of the slot before which the event is due, scanning the running
    /// block from `first` (its first slot on entry, the running slot in its middle):
    /// the slot after the first one whose prefix reaches `nextEventCycle`, as the loop's
    /// check after that slot would have found. The block's end slot needs no stop: it
    /// returns to the outer loop, which checks.
    @inline(never)
    func placeEventStop(scanningFrom first: UnsafeMutablePointer<Slot>) {
        removeEventStop()
        var slot = first
        while baseCycles &+ UInt64(slot.pointee.prefixCycles) < nextEventCycle {
            if slot.pointee.op == .undecoded { return }
            slot += 1
        }
        if slot.pointee.op == .undecoded { return }
        let stop = slot + 1
        eventStopReplacedOp = stop.pointee.op
        stop.pointee.op = .eventStop
        eventStopSlot = stop
    }

    /// Restores the slot that holds the event stop, if any.
    @inline(__always) func removeEventStop() {
        if let stop = eventStopSlot {
            stop.pointee.op = eventStopReplacedOp
            eventStopSlot = nil
        }
    }
}
