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
        object["energy"] = result.energy.map(energyObject) ?? NSNull()
        if let statistics = result.inferences {
            let clock = Double(max(result.board.clockHz, 1))
            object["inferences"] = [
                "count": statistics.inferences.count,
                "skipped": statistics.skipped,
                "min_cycles": statistics.minimumCycles,
                "median_cycles": statistics.medianCycles,
                "max_cycles": statistics.maximumCycles,
                "mean_cycles": statistics.meanCycles,
                "median_seconds": Double(statistics.medianCycles) / clock,
                "energy_per_inference": result.energyPerInference.map(energyObject) ?? NSNull(),
                "each": statistics.inferences.map {
                    ["name": $0.name, "start_cycle": $0.startCycle, "cycles": $0.cycles, "instructions": $0.instructions] as [String: Any]
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
