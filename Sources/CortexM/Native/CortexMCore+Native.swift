import MemoryBus

#if os(Linux)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Translated blocks (NativeBlockTranslator.swift): the run loop calls a block's host
/// code as it enters the block, and the interpreter goes on from the slot it returns.
extension CortexMCore {
    /// A translated block: (core, register file) -> the slot to execute next, or
    /// `NativeBlockTranslator.leftBlock(for:)`.
    typealias NativeBlockFunction = @convention(c) (UnsafeMutableRawPointer, UnsafeMutablePointer<UInt32>) -> UInt

    /// Whether blocks are translated: on x86-64 Linux unless `ARMSIM_INTERPRET=1` is set
    /// (the interpreter alone gives the same results, bit for bit; the variable exists
    /// to compare the two).
    static let translationRequested: Bool = {
        guard let value = getenv("ARMSIM_INTERPRET") else { return true }
        return String(cString: value) != "1"
    }()

    /// Sets up translation, if this host and this core's layout allow it.
    func prepareTranslation() {
        guard Self.translationRequested, let layout = nativeLayout(), let memory = ExecutableMemory() else { return }
        nativeCode = memory
        nativeTranslator = NativeBlockTranslator(
            layout: layout, windows: TranslatedWindows(reads: fastReads, writes: fastWrites),
            pipelinesLoadStores: pipelinesLoadStores)
    }

    /// Before `watchMemory` closes the bus's direct paths: translated code goes on using
    /// them, through copies whose windows carry their region's written-byte map, so that
    /// its loads and stores do what `noteLoad` and `noteStore` do (a load of never-written
    /// bytes leaves to the interpreter, which reports it). Code translated before is discarded.
    func watchTranslatedAccesses(_ watch: MemoryWatch) {
        guard let translator = nativeTranslator, watchedWindows == nil else { return }
        let windowCount = 1 << (32 - Int(Bus.windowShift))
        func watched(_ windows: UnsafeMutablePointer<FastWindow>) -> UnsafeMutablePointer<WatchedWindow> {
            let copy = UnsafeMutablePointer<WatchedWindow>.allocate(capacity: windowCount)
            for window in 0..<windowCount {
                let region = Int(bus.regionByWindow[window])
                copy[window] = WatchedWindow(window: windows[window], written: region >= 0 ? watch.maps[region] : nil)
            }
            return copy
        }
        let tables = (reads: watched(fastReads), writes: watched(fastWrites))
        watchedWindows = tables
        discardDecodedCode()
        nativeTranslator = NativeBlockTranslator(
            layout: translator.layout, windows: TranslatedWindows(watchedReads: tables.reads, watchedWrites: tables.writes),
            pipelinesLoadStores: translator.pipelinesLoadStores)
    }

    /// Translates the block just decoded at `block` (in the current cache), notes where
    /// the run loop calls its code in the header slot's `imm` (0: not translated), and
    /// links the jumps of translated taken branches: this block's to blocks translated
    /// before, and theirs to this one.
    func translate(_ block: UnsafeMutablePointer<Slot>) {
        guard let translator = nativeTranslator, let memory = nativeCode,
            let translation = translator.translate(
                block, regionBase: currentCacheBase, regionSize: currentCacheSize,
                branchFetchWaitStates: currentFlashCache == nil ? fetchWaitStates : nil),
            let offset = memory.add(translation.code)
        else { return }
        let header = block - 1
        header.pointee.imm = offset + UInt32(translation.runEntry)
        for link in translation.links {
            let site = offset + UInt32(link.position)
            if let entry = translatedBlockEntries[link.target] {
                memory.patch(site, to: entry)
            } else {
                unlinkedJumps[link.target, default: []].append(site)
            }
        }
        translatedBlockEntries[header.pointee.address] = offset
        for site in unlinkedJumps.removeValue(forKey: header.pointee.address) ?? [] { memory.patch(site, to: offset) }
    }

    /// Runs everything in the interpreter from now on (tests compare the two).
    func stopTranslating() {
        discardDecodedCode()
        nativeTranslator = nil
    }

    /// Forgets all translated code (decoded code is being discarded).
    func discardTranslations() {
        nativeCode?.reset()
        translatedBlockEntries.removeAll()
        unlinkedJumps.removeAll()
    }

    /// Runs the translated code at `offset` and returns the slot to go on from, or
    /// `NativeBlockTranslator.leftBlock(for:)`.
    @inline(__always) func runNative(_ offset: UInt32) -> UInt {
        let function = unsafeBitCast(nativeCode.unsafelyUnwrapped.address(offset), to: NativeBlockFunction.self)
        return function(Unmanaged.passUnretained(self).toOpaque(), r)
    }

    /// The byte offsets of the fields translated code uses, each checked by writing it
    /// through the offset and reading it back through the property; nil if any is not
    /// where it seems (then nothing is translated).
    private func nativeLayout() -> NativeCoreLayout? {
        let object = Unmanaged.passUnretained(self).toOpaque()
        func offset<T>(_ pointer: UnsafeMutablePointer<T>) -> Int { UnsafeMutableRawPointer(pointer) - object }
        func checked<T: Equatable>(_ offset: Int, _ probe: T, read: () -> T) -> Int32? {
            guard offset > 0, offset < 4096, offset % MemoryLayout<T>.alignment == 0 else { return nil }
            let field = (object + offset).assumingMemoryBound(to: T.self)
            let saved = field.pointee
            field.pointee = probe
            let seen = read()
            field.pointee = saved
            return seen == probe ? Int32(offset) : nil
        }
        guard
            let negativeZero = checked(
                withUnsafeMutablePointer(to: &negativeZeroSource, offset), 0x1234_5678_9ABC_DEF0 as UInt64,
                read: { negativeZeroSource }),
            let carry = checked(withUnsafeMutablePointer(to: &c, offset), !c, read: { c }),
            let overflow = checked(withUnsafeMutablePointer(to: &v, offset), !v, read: { v }),
            let baseCycles = checked(
                withUnsafeMutablePointer(to: &baseCycles, offset), 0x0BAD_CAFE_F00D as UInt64, read: { baseCycles }),
            let baseInstructions = checked(
                withUnsafeMutablePointer(to: &baseInstructions, offset), 0x0DEF_ACED as UInt64, read: { baseInstructions }),
            let nextEvent = checked(
                withUnsafeMutablePointer(to: &nextEventCycle, offset), 0x7777_0000_1111 as UInt64, read: { nextEventCycle }),
            let runningBlockCycles = checked(
                withUnsafeMutablePointer(to: &runningBlockCycles, offset), 0x0000_5555_AAAA as UInt64,
                read: { runningBlockCycles }),
            let callsAllowed = checked(
                withUnsafeMutablePointer(to: &translatedCallsAllowed, offset), !translatedCallsAllowed,
                read: { translatedCallsAllowed }),
            let scopeStart = checked(
                withUnsafeMutablePointer(to: &branchScopeStart, offset), 0x3579_1357 as UInt32, read: { branchScopeStart }),
            let scopeSize = checked(
                withUnsafeMutablePointer(to: &branchScopeSize, offset), 0x2468_0246 as UInt32, read: { branchScopeSize }),
            let nextAddress = checked(
                withUnsafeMutablePointer(to: &loadPipelineNextAddress, offset), 0x1357_9BDF as UInt32,
                read: { loadPipelineNextAddress }),
            let destination = checked(
                withUnsafeMutablePointer(to: &loadPipelineDestination, offset), 0xA5 as UInt8,
                read: { loadPipelineDestination }),
            let low = checked(withUnsafeMutablePointer(to: &decodedRAMLow, offset), 0x2468_ACE0 as UInt32, read: { decodedRAMLow }),
            let high = checked(withUnsafeMutablePointer(to: &decodedRAMHigh, offset), 0x1122_3344 as UInt32, read: { decodedRAMHigh })
        else { return nil }
        return NativeCoreLayout(
            negativeZero: negativeZero, carry: carry, overflow: overflow, baseCycles: baseCycles,
            baseInstructions: baseInstructions, nextEventCycle: nextEvent, runningBlockCycles: runningBlockCycles,
            translatedCallsAllowed: callsAllowed, branchScopeStart: scopeStart, branchScopeSize: scopeSize,
            loadPipelineNextAddress: nextAddress, loadPipelineDestination: destination, decodedRAMLow: low,
            decodedRAMHigh: high)
    }
}
