import CortexM
import Foundation

/// The machine-readable report (`--json OUT`), schema in docs/json-schema.md.
public enum JSONReport {
    /// Bumped when a field changes meaning or disappears; adding fields keeps it.
    public static let schemaVersion = 1

    /// The report as a JSON object with sorted keys, so the same run gives the same bytes.
    public static func render(_ result: RunResult, version: String) -> String {
        var object: [String: Any] = [
            "schema_version": schemaVersion,
            "armsim_version": version,
            "file": result.file,
            "board": result.board.key,
            "mcu": result.board.mcu,
            "core": result.board.core.rawValue,
            "clock_hz": result.board.clockHz,
            "instructions": result.instructions,
            "cycles": result.cycles,
            "sleep_cycles": result.sleepCycles,
            "seconds": result.seconds,
            "cpi": result.cyclesPerInstruction,
            "exceptions_taken": result.exceptionsTaken,
            "exit_code": Int(ExitStatus.forStop(result.stopReason)),
            "stop_reason": result.stopReasonKey,
            "stop_detail": result.stopDescription,
            "peripheral_accesses": result.peripheralAccessCount,
        ]
        object["firmware_exit_status"] = result.firmwareExitStatus.map { Int($0) } ?? NSNull()
        switch result.resetSource {
        case .vectorTable(let address): object["reset"] = ["source": "vector_table", "address": Int(address)]
        case .entryPoint(let entry): object["reset"] = ["source": "entry_point", "address": Int(entry)]
        }
        let memory = result.memory
        object["memory"] = [
            "flash_bytes": memory.flashBytes, "flash_capacity": memory.flashCapacity,
            "ram_bytes": memory.ramBytes, "ram_capacity": memory.ramCapacity,
            "flash_sections": memory.flashSections.map { ["name": $0.name, "bytes": $0.byteCount] as [String: Any] },
            "ram_sections": memory.ramSections.map { ["name": $0.name, "bytes": $0.byteCount] as [String: Any] },
            "largest_symbols": memory.largestSymbols.map { ["name": $0.name, "bytes": $0.byteCount, "memory": $0.memory] as [String: Any] },
        ] as [String: Any]
        let dynamic = result.dynamicMemory
        if var memoryObject = object["memory"] as? [String: Any] {
            memoryObject["peak_stack_bytes"] = dynamic.peakStackBytes
            memoryObject["initial_sp"] = Int(dynamic.initialStackPointer)
            memoryObject["lowest_stack_address"] = Int(dynamic.lowestStackAddress)
            memoryObject["stack_method"] = dynamic.method
            memoryObject["stack_overflow"] = dynamic.stackOverflow
            memoryObject["heap_bytes"] = dynamic.heapBytes.map { $0 as Any } ?? NSNull()
            memoryObject["heap_start"] = Int(dynamic.heapStartAddress)
            memoryObject["ram_used_bytes"] = memory.ramBytes + dynamic.peakStackBytes + (dynamic.heapBytes ?? 0)
            memoryObject["ram_regions"] = dynamic.regions.map {
                ["name": $0.name, "base": Int($0.baseAddress), "bytes": Int($0.byteCount),
                 "highest_written": $0.highestWrittenAddress.map { Int($0) as Any } ?? NSNull()] as [String: Any]
            }
            memoryObject["uninitialized_read_count"] = result.uninitializedReadCount
            memoryObject["uninitialized_reads"] = result.uninitializedReads.map {
                ["pc": Int($0.pc), "symbol": result.symbols.describe(address: $0.pc), "address": Int($0.address),
                 "bytes": Int($0.byteCount), "count": $0.count] as [String: Any]
            }
            object["memory"] = memoryObject
        }
        if let profile = result.functions {
            object["functions"] = profile.rows.map {
                ["name": $0.name, "calls": $0.calls, "inclusive_cycles": $0.inclusiveCycles, "exclusive_cycles": $0.exclusiveCycles] as [String: Any]
            }
            object["call_stack"] = [
                "profiled_cycles": profile.totalCycles, "resynchronizations": profile.resynchronizations,
                "depth_overflows": profile.depthOverflows,
            ]
        } else {
            object["functions"] = NSNull()
        }
        if let battery = result.battery {
            object["battery"] = [
                "rate_per_second": battery.ratePerSecond, "capacity_mah": battery.capacityMilliampHours,
                "volts": battery.batteryVolts, "duty_fraction": battery.dutyFraction,
                "average_milliwatts": battery.averageMilliwatts, "average_milliamps": battery.averageMilliamps,
                "hours": battery.hours.isFinite ? battery.hours as Any : NSNull(), "is_estimate": true,
            ] as [String: Any]
        } else {
            object["battery"] = NSNull()
        }
        object["energy"] = result.energy.map(energyObject) ?? NSNull()
        if let statistics = result.inferences {
            let clock = Double(max(result.board.clockHz, 1))
            object["inferences"] = [
                "count": statistics.inferences.count,
                "skipped": statistics.skipped,
                "source": result.measuredFunction.map { "function:" + $0 } ?? "markers",
                "min_cycles": statistics.minimumCycles,
                "median_cycles": statistics.medianCycles,
                "max_cycles": statistics.maximumCycles,
                "mean_cycles": statistics.meanCycles,
                "median_seconds": Double(statistics.medianCycles) / clock,
                "energy_per_inference": result.energyPerInference.map(energyObject) ?? NSNull(),
                "max_stack_bytes": statistics.maximumStackBytes.map { $0 as Any } ?? NSNull(),
                "max_peak_stack_bytes": statistics.maximumPeakStackBytes.map { $0 as Any } ?? NSNull(),
                "stack_method": result.measuredFunction == nil
                    ? "lowest byte changed between the markers below SP at the begin marker, SP at the markers"
                        + (result.functions == nil ? "" : ", and SP sampled at calls and exception entries between them")
                    : "SP sampled at calls and exception entries inside the call",
                "each": statistics.inferences.map {
                    ["name": $0.name, "start_cycle": $0.startCycle, "cycles": $0.cycles, "instructions": $0.instructions,
                     "stack_bytes": $0.stackBytes.map { $0 as Any } ?? NSNull(),
                     "peak_stack_bytes": $0.peakStackBytes.map { $0 as Any } ?? NSNull(),
                     "lowest_stack_address": $0.lowestStackAddress.map { Int($0) as Any } ?? NSNull()] as [String: Any]
                },
            ] as [String: Any]
        } else {
            object["inferences"] = NSNull()
        }
        if let fault = result.fault {
            object["fault"] = [
                "kind": fault.kind.description,
                "pc": Int(fault.pc),
                "symbol": result.symbols.describe(address: fault.pc),
                "registers": fault.registers.map { Int($0) },
                "xpsr": Int(fault.xpsr),
                "cycle": fault.cycle,
            ] as [String: Any]
        } else {
            object["fault"] = NSNull()
        }
        func energyObject(_ energy: EnergyEstimate) -> [String: Any] {
            [
                "microjoules": energy.microjoules, "average_milliwatts": energy.averageMilliwatts,
                "active_microjoules": energy.activeMicrojoules, "sleep_microjoules": energy.sleepMicrojoules,
                "flash_wait_microjoules": energy.flashWaitMicrojoules, "source": energy.source, "is_estimate": true,
            ]
        }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
