/** Every label of the panel's charts, in one place for the panel's catalogues to take over. */
export const CHART_LABELS = {
  /** The disclosure that shows a chart's figures as a table. */
  table: "Figures as a table",
  legend: "Series",
  /** Written where a figure does not exist (occupancy of a master without hours). */
  noFigure: "—",
  bookingAnalytics: {
    bookingsPerDay: "Bookings per day",
    revenuePerDay: "Revenue per day",
    occupancyByMaster: "Occupancy by master",
    day: "Day",
    master: "Master",
    bookings: "Bookings",
    done: "Done",
    revenueIn: (currency: string) => `Revenue, ${currency}`,
    occupancy: "Occupancy",
  },
} as const;
