/**
 * Synthetic landing zone for the warehouse: every feed of {@code shared/contract/RAW.md}, for the
 * real administrative units of Ho Chi Minh City, calibrated so that {@code --year 2021 --scale 1}
 * matches the city's published 2021 figures ({@code shared/seed/FIGURES.md}).
 *
 * <p>Entry point: {@link vn.hcmc.cchc.generate.LandingZoneGenerator} with a
 * {@link vn.hcmc.cchc.generate.GenerateSpec}; it returns (and writes to
 * {@code <out>/_generate/summary.json}) a {@link vn.hcmc.cchc.generate.GenerateSummary}.
 *
 * <p>How it is built:
 * <ul>
 *   <li>the city: {@code AgencyDirectory} (agencies per period of the administrative units),
 *       {@code ProcedureCatalogue} (1,746 public and 1,252 internal procedures),
 *       {@code WorkingCalendar} (working days and holidays);</li>
 *   <li>the volume: {@code Calibration} holds every rate (month by month after 2021, at the run's
 *       {@code --pace}); {@code VolumePlanner} turns them into dossiers per agency per day;</li>
 *   <li>the dossiers: {@code DossierFactory} decides a dossier's whole life at receipt;
 *       {@code Lane} (a group of agencies, one file a day) receives them, files their snapshots
 *       under their export day ({@code ExportSchedule}) and writes each day once no earlier receipt
 *       can add to it ({@code DayFile}); {@code Formats} writes feed A (JSON lines) and feed B (CSV),
 *       {@code LaneFormat} picks a lane's way of writing them; {@code BadLines} decides a day's bad
 *       lines and {@code BadRecords} breaks records on purpose, one quarantine reason each;
 *       {@code LaneTally} counts for the summary;</li>
 *   <li>the small feeds: {@code ReferenceFeeds} (agency and procedure snapshots, feeds C and D).</li>
 * </ul>
 * Deterministic: all randomness derives from the seed and (lane, day) coordinates, never from
 * thread scheduling. Memory holds the open dossiers only.
 */
package vn.hcmc.cchc.generate;
