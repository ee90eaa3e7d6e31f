import CortexM
import MemoryBus

// The thirteen presets. Each figure's source is in `sources` (or `power.source`);
// docs/boards.md repeats them as a table. "unverified" means recalled from the named
// document, not re-read; the shared fact sheet marks the same figures "U".

extension BoardCatalog {
    static let nano33 = Board(
        key: "nano33", name: "Arduino Nano 33 BLE", mcu: "nRF52840", core: .m4, hasFPU: true,
        clockHz: 64_000_000,
        regions: [flash(0x0000_0000, 1024 * kiB, waitStates: 0), sram("SRAM", 0x2000_0000, 256 * kiB)],
        bootAddress: 0x0000_0000, multiplierCycles: 1, priorityBits: 3, externalInterruptCount: 48,
        power: PowerFigures(
            supplyVolts: 3.0, runCurrentMilliamps: 3.3, sleepCurrentMicroamps: 1.5,
            source: "nRF52840 PS v1.x §5.2: CoreMark at 64 MHz from flash, cache on, DC/DC, 3 V ≈ 3.3 mA (52 µA/MHz; ≈6.3 mA with LDO); System ON idle with RTC ≈ 1.5 µA (unverified)"),
        sources: [
            "core Cortex-M4F: nRF52840 PS v1.x §5 CPU (unverified)",
            "64 MHz: nRF52840 PS §5 CPU (unverified)",
            "flash 1 MB @ 0x0, SRAM 256 KB @ 0x20000000: nRF52840 PS §4.2 memory map (unverified)",
            "wait states: not specified by Nordic; NVMC instruction cache (PS §4.3) assumed to hit, so 0",
            "3 priority bits, 48 IRQs: nRF52840 PS §5 CPU / §6 peripheral IDs (unverified)",
        ],
        isGeneric: false,
        notes: "flash wait states 0: the NVMC instruction cache is assumed to hit; the Arduino bootloader at 0x0 is not modelled (armsim runs the image as linked)")

    static let nano33iot = Board(
        key: "nano33iot", name: "Arduino Nano 33 IoT", mcu: "ATSAMD21G18A", core: .m0plus, hasFPU: false,
        clockHz: 48_000_000,
        regions: [flash(0x0000_0000, 256 * kiB, waitStates: 1), sram("SRAM", 0x2000_0000, 32 * kiB)],
        bootAddress: 0x0000_0000, multiplierCycles: 1, priorityBits: 2, externalInterruptCount: 28,
        power: PowerFigures(
            supplyVolts: 3.3, runCurrentMilliamps: 3.75, sleepCurrentMicroamps: 4.0,
            source: "SAM D21 DS §37.7 Power consumption: 3.5–4 mA at 48 MHz from flash, 3.3 V (midpoint 3.75 used); STANDBY with RTC ≈ 4 µA (unverified; weakest figure in the catalog)"),
        sources: [
            "core Cortex-M0+: SAM D21 DS §11 Processor (unverified)",
            "48 MHz: SAM D21 DS §1 (unverified)",
            "flash 256 KB @ 0x0, SRAM 32 KB @ 0x20000000: SAM D21 DS §10 Memories (unverified)",
            "1 wait state at 48 MHz (NVMCTRL.CTRLB.RWS, VDD 2.7–3.6 V): SAM D21 DS §37 NVM characteristics (unverified)",
            "fast single-cycle multiplier: SAM D21 DS §11.1.1 Cortex-M0+ configuration (unverified; the same table in the SAM L22 DS §10.1.1 reads 'Multiplier: Fast (single cycle)')",
            "28 IRQs (PM … I2S): SAM D21 DS §11.2 NVIC interrupt line mapping (unverified)",
        ],
        isGeneric: false,
        notes: "1 flash wait state as NVMCTRL requires at 48 MHz; the NVM cache is not modelled; the Arduino bootloader (app at 0x2000) is not modelled")

    static let pico = Board(
        key: "pico", name: "Raspberry Pi Pico", mcu: "RP2040", core: .m0plus, hasFPU: false,
        clockHz: 125_000_000,
        regions: [flash(0x1000_0000, 2048 * kiB, waitStates: 0), sram("SRAM", 0x2000_0000, 264 * kiB)],
        bootAddress: 0x1000_0000, multiplierCycles: 1, priorityBits: 2, externalInterruptCount: 32,
        power: PowerFigures(
            supplyVolts: 3.3, runCurrentMilliamps: 22.5, sleepCurrentMicroamps: 180,
            source: "RP2040 DS §5 power consumption: ≈20–25 mA at 125 MHz, typical workloads (midpoint 22.5 used); DORMANT ≈ 0.18 mA (unverified)"),
        sources: [
            "core Cortex-M0+ (one of two modelled): RP2040 DS §2.1, §2.4 (unverified)",
            "125 MHz: pico-sdk default clock; 133 MHz maximum per RP2040 DS §1 (unverified)",
            "flash: 16 MB XIP window at 0x10000000 (RP2040 DS §2.5.3, checked); 2 MB W25Q16 on the Pico board (Pico DS, unverified)",
            "SRAM 264 KB @ 0x20000000: four striped 64 KB banks + 2 × 4 KB: RP2040 DS §2.5.2 (checked)",
            "XIP cache assumed to hit, so 0 wait states: RP2040 DS §2.6 (a miss costs a QSPI transfer, not modelled)",
            "fast multiplier: RP2040 DS §2.4 Cortex-M0+ configuration (unverified)",
            "32 NVIC inputs, of which IRQ 0–25 are connected: RP2040 DS §2.3.2 Interrupts (checked)",
        ],
        isGeneric: false,
        notes: "the boot ROM at 0x0 and boot2 are not modelled: the core reads its vector table at 0x10000000, standing in for the bootrom + boot2 hand-off, so firmware must place its vectors there (a pico-sdk image puts boot2 first and its vectors at 0x10000100); XIP cache assumed to hit; the second core, SIO divider, USB DPRAM and XIP-cache-as-SRAM are not modelled")

    static let microbitV1 = Board(
        key: "microbit-v1", name: "BBC micro:bit v1", mcu: "nRF51822-QFAA", core: .m0, hasFPU: false,
        clockHz: 16_000_000,
        regions: [flash(0x0000_0000, 256 * kiB, waitStates: 0), sram("SRAM", 0x2000_0000, 16 * kiB)],
        bootAddress: 0x0000_0000, multiplierCycles: 1, priorityBits: 2, externalInterruptCount: 32,
        power: PowerFigures(
            supplyVolts: 3.0, runCurrentMilliamps: 4.4, sleepCurrentMicroamps: 2.6,
            source: "nRF51822 PS v3.x §8 current table: ≈4.4 mA from flash at 16 MHz, LDO, 3 V (≈2.6 mA with DC/DC); System ON ≈ 2.6 µA (unverified)"),
        sources: [
            "core Cortex-M0: nRF51822 PS v3.x §1 (unverified)",
            "16 MHz: nRF51 PS (unverified)",
            "flash 256 KB @ 0x0, SRAM 16 KB @ 0x20000000: nRF51 PS / micro:bit tech site (unverified)",
            "0 wait states: flash keeps up with the 16 MHz core, nRF51 RM (unverified)",
            "multiplier: not found in the documents searched; the fast (1-cycle) multiplier is assumed",
            "32 NVIC inputs: nRF51 RM peripheral IDs 0–31 (unverified)",
        ],
        isGeneric: false,
        notes: "multiplier option unknown, the 1-cycle multiplier is assumed; 0 flash wait states at 16 MHz")

    static let microbitV2 = Board(
        key: "microbit-v2", name: "BBC micro:bit v2", mcu: "nRF52833", core: .m4, hasFPU: true,
        clockHz: 64_000_000,
        regions: [flash(0x0000_0000, 512 * kiB, waitStates: 0), sram("SRAM", 0x2000_0000, 128 * kiB)],
        bootAddress: 0x0000_0000, multiplierCycles: 1, priorityBits: 3, externalInterruptCount: 48,
        power: PowerFigures(
            supplyVolts: 3.0, runCurrentMilliamps: 3.3, sleepCurrentMicroamps: 1.5,
            source: "nRF52833 PS §5.2: CoreMark at 64 MHz from flash, DC/DC, 3 V ≈ 3.3 mA (≈52 µA/MHz); System ON ≈ 1.4–1.5 µA, 1.5 used (unverified)"),
        sources: [
            "core Cortex-M4F: nRF52833 PS §1 (unverified)",
            "64 MHz: nRF52833 PS (unverified)",
            "flash 512 KB @ 0x0, SRAM 128 KB @ 0x20000000: nRF52833 PS §4 (unverified)",
            "wait states: not specified by Nordic; NVMC instruction cache (PS §4.3) assumed to hit, so 0",
            "3 priority bits, 48 IRQs: nRF52833 PS CPU / peripheral IDs (unverified)",
        ],
        isGeneric: false,
        notes: "flash wait states 0: the NVMC instruction cache is assumed to hit")

    static let sparkfunEdge = Board(
        key: "sparkfun-edge", name: "SparkFun Edge", mcu: "Apollo3 Blue", core: .m4, hasFPU: true,
        clockHz: 48_000_000,
        regions: [flash(0x0000_0000, 1024 * kiB, waitStates: 0), sram("SRAM", 0x1000_0000, 384 * kiB)],
        bootAddress: 0x0000_0000, multiplierCycles: 1, priorityBits: 3, externalInterruptCount: 32,
        power: PowerFigures(
            supplyVolts: 3.3, runCurrentMilliamps: 0.288, sleepCurrentMicroamps: 1.0,
            source: "Apollo3 Blue DS front page: 6 µA/MHz from flash or RAM at 3.3 V, × 48 MHz = 0.288 mA; deep sleep with RTC ≈ 1 µA (unverified headline figures)"),
        sources: [
            "core Cortex-M4F: Apollo3 Blue DS §1 (unverified)",
            "48 MHz (96 MHz TurboSPOT burst not modelled): Apollo3 Blue DS §1 (unverified)",
            "flash 1 MB @ 0x0, SRAM 384 KB @ 0x10000000 (first 64 KB TCM): Apollo3 Blue DS memory map (unverified)",
            "16 KB flash cache assumed to hit, so 0 wait states: Apollo3 Blue DS (unverified)",
            "3 priority bits, 32 IRQs: Apollo3 Blue DS NVIC (unverified)",
        ],
        isGeneric: false,
        notes: "flash cache assumed to hit (0 wait states); the SparkFun SVL bootloader (app at 0x10000) and the 96 MHz burst mode are not modelled")

    static let nucleoL4R5ZI = Board(
        key: "nucleo-l4r5zi", name: "ST NUCLEO-L4R5ZI", mcu: "STM32L4R5ZI", core: .m4, hasFPU: true,
        clockHz: 120_000_000,
        regions: [
            flash(0x0800_0000, 2048 * kiB, waitStates: 5, accelerator: stm32L4ART), sram("SRAM", 0x2000_0000, 640 * kiB),
            sram("SRAM2", 0x1000_0000, 64 * kiB),
        ],
        bootAddress: 0x0800_0000, multiplierCycles: 1, priorityBits: 4, externalInterruptCount: 95,
        power: PowerFigures(
            supplyVolts: 3.3, runCurrentMilliamps: 13.2, sleepCurrentMicroamps: 2.8,
            source: "DS12023 §6.3.5: ≈110 µA/MHz Run, LDO Range 1, × 120 MHz = 13.2 mA; Stop 2 ≈ 2.8 µA (DS12023 front page) (unverified)"),
        sources: [
            "core Cortex-M4F at 120 MHz: DS12023 §1; MLPerf Tiny v0.5 system description (checked)",
            "flash 2 MB @ 0x08000000: RM0432 memory map (checked against a secondary source)",
            "SRAM1 192 KB @ 0x20000000, SRAM2 64 KB @ 0x10000000 (aliased at 0x20030000), SRAM3 384 KB @ 0x20040000: RM0432 §2.2 (sizes checked, addresses unverified)",
            "5 wait states at 120 MHz, Range 1 boost: RM0432 §3.3.3 Number of wait states according to CPU clock (unverified)",
            "4 priority bits, 95 IRQs: RM0432 NVIC / vector table (unverified)",
        ],
        isGeneric: false,
        notes: "SRAM is SRAM1 + SRAM2 alias + SRAM3, contiguous 640 KB at 0x20000000 as ST's linker scripts use it; SRAM2 at 0x10000000 is separate storage here (the alias is not modelled); 5 flash wait states with no ART accelerator model; BOOT0=0 flash alias at 0x0 not modelled, so vectors are read at 0x08000000")

    static let nucleoF411RE = Board(
        key: "nucleo-f411re", name: "ST NUCLEO-F411RE", mcu: "STM32F411RE", core: .m4, hasFPU: true,
        clockHz: 100_000_000,
        regions: [flash(0x0800_0000, 512 * kiB, waitStates: 3, accelerator: stm32F4ART), sram("SRAM", 0x2000_0000, 128 * kiB)],
        bootAddress: 0x0800_0000, multiplierCycles: 1, priorityBits: 4, externalInterruptCount: 86,
        power: PowerFigures(
            supplyVolts: 3.3, runCurrentMilliamps: 10.0, sleepCurrentMicroamps: 9.0,
            source: "DS10314 front page: 100 µA/MHz Run, peripherals off, × 100 MHz = 10 mA; Stop with flash in deep power-down ≈ 9 µA (≈42 µA flash in stop; Standby ≈1.8 µA) (unverified)"),
        sources: [
            "core Cortex-M4F at 100 MHz: DS10314 §1 (unverified)",
            "flash 512 KB @ 0x08000000, SRAM 128 KB @ 0x20000000: RM0383 §2.3 (unverified)",
            "3 wait states at 90 < HCLK ≤ 100 MHz, 2.7–3.6 V: RM0383 §3.4 Number of wait states (unverified)",
            "4 priority bits, 86 IRQs: RM0383 §10 vector table (unverified)",
        ],
        isGeneric: false,
        notes: "3 flash wait states with no ART accelerator model; BOOT0=0 flash alias at 0x0 not modelled, so vectors are read at 0x08000000")

    static let discoF407 = Board(
        key: "disco-f407", name: "ST STM32F4DISCOVERY", mcu: "STM32F407VG", core: .m4, hasFPU: true,
        clockHz: 168_000_000,
        regions: [
            flash(0x0800_0000, 1024 * kiB, waitStates: 5, accelerator: stm32F4ART), sram("SRAM", 0x2000_0000, 128 * kiB),
            sram("CCM", 0x1000_0000, 64 * kiB, isExecutable: false),
        ],
        bootAddress: 0x0800_0000, multiplierCycles: 1, priorityBits: 4, externalInterruptCount: 82,
        power: PowerFigures(
            supplyVolts: 3.3, runCurrentMilliamps: 40.0, sleepCurrentMicroamps: 2.5,
            source: "DS8626 §5.3.6 Table 21: ≈40 mA at 168 MHz from flash, ART on, peripherals off (≈87 mA all on); Standby ≈ 2–3 µA, 2.5 used (unverified)"),
        sources: [
            "core Cortex-M4F at 168 MHz: DS8626 §1 (unverified)",
            "flash 1 MB @ 0x08000000: RM0090 §2.3 (unverified)",
            "SRAM1 112 KB + SRAM2 16 KB @ 0x20000000, CCM 64 KB @ 0x10000000 on the D-bus only, not executable: RM0090 §2.3 (partly checked)",
            "5 wait states at 150 < HCLK ≤ 168 MHz, 2.7–3.6 V: RM0090 §3.5.1 Table 10 (unverified)",
            "4 priority bits, 82 IRQs: RM0090 §12 vector table (unverified)",
        ],
        isGeneric: false,
        notes: "5 flash wait states with no ART accelerator model (real code runs much faster from the ART cache); CCM is data-only; BOOT0=0 flash alias at 0x0 not modelled, so vectors are read at 0x08000000")

    static let nucleoF072RB = Board(
        key: "nucleo-f072rb", name: "ST NUCLEO-F072RB", mcu: "STM32F072RB", core: .m0, hasFPU: false,
        clockHz: 48_000_000,
        regions: [flash(0x0800_0000, 128 * kiB, waitStates: 1, accelerator: stm32F0Prefetch), sram("SRAM", 0x2000_0000, 16 * kiB)],
        bootAddress: 0x0800_0000, multiplierCycles: 1, priorityBits: 2, externalInterruptCount: 32,
        power: PowerFigures(
            supplyVolts: 3.3, runCurrentMilliamps: 13.0, sleepCurrentMicroamps: 20.0,
            source: "DS9826 §6.3.5: ≈13 mA at 48 MHz from flash, peripherals off (≈22 mA all on); Stop ≈ 20 µA (unverified)"),
        sources: [
            "core Cortex-M0 at 48 MHz: DS9826 §1 (unverified)",
            "flash 128 KB @ 0x08000000, SRAM 16 KB @ 0x20000000: RM0091 §2.2 (unverified)",
            "1 wait state for 24 < SYSCLK ≤ 48 MHz: RM0091 §3.2.1 FLASH_ACR.LATENCY (unverified)",
            "multiplier: not found in the documents searched; the fast (1-cycle) multiplier is assumed",
            "32 NVIC inputs: RM0091 vector table (unverified)",
        ],
        isGeneric: false,
        notes: "1 flash wait state with no prefetch-buffer model; multiplier assumed fast; BOOT0=0 flash alias at 0x0 not modelled, so vectors are read at 0x08000000")

    static let nucleoL476RG = Board(
        key: "nucleo-l476rg", name: "ST NUCLEO-L476RG", mcu: "STM32L476RG", core: .m4, hasFPU: true,
        clockHz: 80_000_000,
        regions: [
            flash(0x0800_0000, 1024 * kiB, waitStates: 4, accelerator: stm32L4ART), sram("SRAM", 0x2000_0000, 128 * kiB),
            sram("SRAM2", 0x1000_0000, 32 * kiB),
        ],
        bootAddress: 0x0800_0000, multiplierCycles: 1, priorityBits: 4, externalInterruptCount: 82,
        power: PowerFigures(
            supplyVolts: 3.3, runCurrentMilliamps: 8.0, sleepCurrentMicroamps: 1.1,
            source: "DS10198 front page: 100 µA/MHz Run, LDO, × 80 MHz = 8 mA (39 µA/MHz with external SMPS); Stop 2 ≈ 1.1 µA (unverified)"),
        sources: [
            "core Cortex-M4F at 80 MHz: DS10198 §1 (unverified)",
            "flash 1 MB @ 0x08000000 (dual bank): RM0351 §2.2 (unverified)",
            "SRAM1 96 KB @ 0x20000000, SRAM2 32 KB @ 0x10000000 (aliased at 0x20018000): RM0351 §2.2 (unverified)",
            "4 wait states at 64 < HCLK ≤ 80 MHz, Range 1: RM0351 §3.3.3 Table 9 (unverified)",
            "4 priority bits, 82 IRQs: RM0351 vector table (unverified)",
        ],
        isGeneric: false,
        notes: "SRAM is SRAM1 + SRAM2 alias, contiguous 128 KB at 0x20000000; SRAM2 at 0x10000000 is separate storage here (the alias is not modelled); 4 flash wait states with no ART accelerator model; BOOT0=0 flash alias at 0x0 not modelled, so vectors are read at 0x08000000")

    static let nucleoG0B1RE = Board(
        key: "nucleo-g0b1re", name: "ST NUCLEO-G0B1RE", mcu: "STM32G0B1RE", core: .m0plus, hasFPU: false,
        clockHz: 64_000_000,
        regions: [flash(0x0800_0000, 512 * kiB, waitStates: 2, accelerator: stm32G0Prefetch), sram("SRAM", 0x2000_0000, 144 * kiB)],
        bootAddress: 0x0800_0000, multiplierCycles: 1, priorityBits: 2, externalInterruptCount: 32,
        power: PowerFigures(
            supplyVolts: 3.3, runCurrentMilliamps: 6.4, sleepCurrentMicroamps: 0.35,
            source: "DS13560 §5.3: ≈100 µA/MHz Run, Range 1, from flash, × 64 MHz = 6.4 mA; Standby ≈ 0.2–0.5 µA, 0.35 used (unverified)"),
        sources: [
            "core Cortex-M0+ at 64 MHz: DS13560 §1; MLPerf Tiny v1.1 system description (checked)",
            "flash 512 KB @ 0x08000000 (dual bank), SRAM 144 KB @ 0x20000000: RM0444 §2.2 (unverified)",
            "2 wait states at 48 < HCLK ≤ 64 MHz, Range 1: RM0444 §3.3.4 (unverified)",
            "multiplier: not found in the documents searched; the fast (1-cycle) multiplier is assumed",
            "32 NVIC inputs: RM0444 vector table (unverified)",
        ],
        isGeneric: false,
        notes: "2 flash wait states with no prefetch or instruction-cache model; multiplier assumed fast; BOOT0=0 flash alias at 0x0 not modelled, so vectors are read at 0x08000000")

    /// Arm's MPS2+ FPGA board with the AN386 image: the machine QEMU emulates as
    /// `-M mps2-an386`, and the target of `make -C firmware check-qemu` for Cortex-M4.
    /// An FPGA prototype, not a microcontroller: it has no flash (ZBT SSRAM1 holds the
    /// code) and no silicon current figures, so like the generic boards it carries no
    /// power figures and no energy is estimated.
    static let mps2AN386 = Board(
        key: "mps2-an386", name: "Arm MPS2+ (AN386)", mcu: "AN386 FPGA image", core: .m4, hasFPU: true,
        clockHz: 25_000_000,
        regions: [flash(0x0000_0000, 4096 * kiB, waitStates: 0), sram("SRAM", 0x2000_0000, 4096 * kiB)],
        bootAddress: 0x0000_0000, multiplierCycles: 1, priorityBits: 3, externalInterruptCount: 32,
        power: PowerFigures(
            supplyVolts: 0, runCurrentMilliamps: 0, sleepCurrentMicroamps: 0,
            source: "none: an FPGA prototype board (V2M-MPS2+ running the AN386 image) has no silicon datasheet current, so no energy is estimated (the policy of the generic boards)"),
        sources: [
            "core Cortex-M4 with FPU (Cortex-M4F) and MPU: Arm AN386 'ARM Cortex-M4 SMM on V2M-MPS2' (DAI 0386; not re-read here); Arm's CMSIS device header for this image, CMSDK_CM4.h (__FPU_PRESENT 1, __MPU_PRESENT 1), in mbed-os targets/TARGET_ARM_SSG/TARGET_MPS2/TARGET_MPS2_M4 (checked); QEMU hw/arm/mps2.c mps2_an386_class_init: cortex-m4 (checked)",
            "25 MHz: Arm system_CMSDK_CM4.c for MPS2_M4, SystemCoreClock = 50 MHz / 2 (checked); QEMU hw/arm/mps2.c SYSCLK_FRQ 25000000 (checked)",
            "ZBT SSRAM1 4 MB @ 0x0 (code, the FLASH region here), ZBT SSRAM2&3 4 MB @ 0x20000000 (data): Arm mbed-os MPS2_M4 linker script MPS2.ld 'Linker script for AN386' (checked); QEMU hw/arm/mps2.c mps2_common_init, AN385/AN386/AN500 map (checked); firmware/ld/memory-mps2-an386.ld (same)",
            "0 wait states: ZBT SSRAM is single-cycle SRAM (V2M-MPS2 '8MB single cycle SRAM', Zephyr mps2 board page; unverified against AN386)",
            "3 priority bits: Arm CMSDK_CM4.h __NVIC_PRIO_BITS 3 (checked); QEMU 7.2 implements all 8 bits on this machine (firmware/Makefile PRIO_BITS_mps2-an386)",
            "32 IRQs: CMSDK_CM4.h IRQn 0-31 (checked); QEMU hw/arm/mps2.c num-irq 32 for AN386 (checked)",
        ],
        isGeneric: false,
        notes: "FPGA prototype: SSRAM1 holds the code and is modelled as read-only FLASH (writable SSRAM on the board and in QEMU); the SSRAM mirrors at 0x00400000 and 0x20400000, the 16 KB block RAM at 0x01000000, the 16 MB PSRAM at 0x21000000, the ZBT boot remap and the CMSDK peripherals are not modelled; no power figures, so no energy estimate; 3 NVIC priority bits as Arm's CMSIS header says, where QEMU 7.2 implements 8")
}
